using System.Globalization;

namespace Hark.Audio;

/// <summary>
/// Bounds on reading one file: a duration limit (the CLI's <c>--max-duration</c>, like the server's) and the part of
/// the file that is needed, so a 256 MiB recording costs what its first seconds cost when a front end keeps only those
/// (<see cref="FrontEnds.FrontEnd.ReadOptions"/>). A managed WAV is then read with a seek to just those bytes.
/// </summary>
public sealed record AudioReadOptions
{
    /// <summary>Everything, without limits.</summary>
    public static AudioReadOptions Whole { get; } = new();

    /// <summary>
    /// Longest file accepted, in seconds: a longer one is refused with an <see cref="AudioDecodeException"/> from the
    /// length its header declares, before its samples are decoded (null: no limit).
    /// </summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>
    /// How many frames from the start are needed, given the file's sample rate; later frames are neither decoded nor
    /// (for a WAV file decoded in managed code) read. Null reads every frame.
    /// </summary>
    public Func<int, long>? LeadingFrames { get; init; }

    /// <summary>
    /// Whether NaN, infinite or absurd (beyond +-2^32) samples are replaced by 0 and reported as a warning naming the file,
    /// how many there were and the first one, instead of refusing the file (<c>data.replace_bad_samples</c>,
    /// <c>--replace-bad-samples</c>). Off by default: a file holding such samples is usually broken beyond them.
    /// </summary>
    public bool ReplaceUnusableSamples { get; init; }

    /// <summary>Frames to decode of a file of <paramref name="frames"/> frames at <paramref name="sampleRate"/>, refusing one over the duration limit.</summary>
    internal long FramesToDecode(string name, long frames, int sampleRate)
    {
        if (MaxDurationSeconds is { } limit && (double)frames / sampleRate > limit)
            throw new AudioDecodeException(name, TooLongReason((double)frames / sampleRate, limit));
        return LeadingFrames is { } leading ? Math.Min(frames, Math.Max(1, leading(sampleRate))) : frames;
    }

    internal static string TooLongReason(double seconds, double limit) =>
        $"lasts {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s; the limit is {limit.ToString(CultureInfo.InvariantCulture)} s (--max-duration)";
}
