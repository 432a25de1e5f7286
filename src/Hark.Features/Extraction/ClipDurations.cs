using Hark.Audio;
using Hark.Audio.FrontEnds;

namespace Hark.Features.Extraction;

/// <summary>How long audio clips last, read from their headers where the format allows (see <see cref="AudioFile.Duration"/>).</summary>
public static class ClipDurations
{
    /// <summary>
    /// The duration in seconds of each of <paramref name="paths"/> that can be read, in their order; a file that cannot
    /// be read is left out here and reported when its features are extracted.
    /// </summary>
    public static double[] Measure(IReadOnlyList<string> paths) => [.. MeasureEach(paths).Where(double.IsFinite)];

    /// <summary>The duration in seconds of each of <paramref name="paths"/>, in their order; NaN for a file that cannot be read.</summary>
    public static double[] MeasureEach(IReadOnlyList<string> paths)
    {
        var seconds = new double[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { seconds[i] = AudioFile.Duration(paths[i]); }
            catch (Exception e) when (e is AudioDecodeException or IOException or UnauthorizedAccessException) { seconds[i] = double.NaN; }
        });
        return seconds;
    }

    /// <summary>
    /// Whether each of <paramref name="paths"/> lasts longer than <paramref name="frontEnd"/>'s fixed clip length, read from
    /// the headers, with half a sample of slack at the front end's rate so that a clip of exactly that length is not counted
    /// by rounding; false for a file that cannot be read. The one rule for which clips are longer: those that train on random
    /// crops and those that eval and predict score over covering windows.
    /// </summary>
    public static bool[] LongerThanClipLength(IReadOnlyList<string> paths, FrontEndConfig frontEnd)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        var length = frontEnd.Length ?? throw new ArgumentException($"ClipDurations: front end '{frontEnd.Name}' keeps each clip's own length; no clip is longer than it");
        double limit = (length.Samples(frontEnd.SampleRate) + 0.5) / frontEnd.SampleRate;
        return [.. MeasureEach(paths).Select(seconds => seconds > limit)];
    }
}
