namespace Hark.Nn;

/// <summary>
/// A state dict that does not fit a module: the message lists every missing, unexpected and mis-shaped key. It is bad
/// input data (the CLI reports it in one line like any malformed file), hence a <see cref="FormatException"/>.
/// </summary>
public sealed class StateDictException(string message) : FormatException(message);
