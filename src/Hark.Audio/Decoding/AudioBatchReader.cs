namespace Hark.Audio;

/// <summary>
/// Decodes many files in parallel. Files that cannot be read or decoded (corrupt, truncated, empty, not audio,
/// missing, unreadable) are reported with their reason and skipped, or, with <see cref="BadFilePolicy.Fail"/>,
/// end the batch with an <see cref="AudioDecodeException"/> naming the first of them.
/// </summary>
public static class AudioBatchReader
{
    /// <summary>Decodes <paramref name="paths"/> on <paramref name="maxDegreeOfParallelism"/> threads at once (one per core when null).</summary>
    public static AudioBatchResult ReadAll(IReadOnlyList<string> paths, BadFilePolicy policy = BadFilePolicy.Skip, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var waveforms = new Waveform?[paths.Count];
        var errors = new AudioFileError?[paths.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, paths.Count, options, (i, loop) =>
        {
            if (loop.ShouldExitCurrentIteration && loop.LowestBreakIteration < i) return;
            errors[i] = TryRead(paths[i], out waveforms[i]);
            if (errors[i] is not null && policy == BadFilePolicy.Fail) loop.Break();
        });

        var decoded = new List<DecodedAudioFile>(paths.Count);
        var failed = new List<AudioFileError>();
        for (int i = 0; i < paths.Count; i++)
        {
            if (errors[i] is { } error)
            {
                if (policy == BadFilePolicy.Fail)
                    throw error.Exception as AudioDecodeException ?? new AudioDecodeException(error.Path, error.Reason, error.Exception);
                failed.Add(error);
            }
            else if (waveforms[i] is { } waveform) decoded.Add(new DecodedAudioFile(paths[i], waveform));
        }
        return new AudioBatchResult(decoded, failed);
    }

    private static AudioFileError? TryRead(string path, out Waveform? waveform)
    {
        waveform = null;
        try
        {
            waveform = AudioFile.Read(path);
            return null;
        }
        catch (AudioDecodeException e) { return new AudioFileError(path, e.Reason, e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new AudioFileError(path, $"cannot read the file: {e.Message}", e);
        }
    }
}
