using Hark.Audio;

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
}
