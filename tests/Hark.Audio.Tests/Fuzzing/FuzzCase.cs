namespace Hark.Audio.Tests.Fuzzing;

/// <summary>
/// One generated input: its file name (which says how it was made), the format family of its seed, its bytes, and whether
/// every correct decoder must refuse it (not audio, empty, NaN samples, an impossible header, a truncated FLAC).
/// </summary>
public sealed record FuzzCase(string Name, string Format, byte[] Bytes, bool MustRefuse);
