namespace Hark.Nn;

/// <summary>What a non-strict <see cref="Module.LoadStateDict"/> left out, like torch's _IncompatibleKeys.</summary>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
