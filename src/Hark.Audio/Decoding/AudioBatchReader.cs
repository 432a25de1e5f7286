namespace Hark.Audio;

/// <summary>
/// Decodes many files in parallel. Files that cannot be read or decoded (corrupt, truncated, empty, not audio,
/// missing, unreadable) or that take longer than the per-file time budget (see <see cref="BudgetedParallel"/>) are
/// reported with their reason and skipped, or, with <see cref="BadFilePolicy.Fail"/>, end the batch with an
/// <see cref="AudioDecodeException"/> naming the first of them.
/// </summary>
public static class AudioBatchReader
{
    /// <summary>
    /// Decodes <paramref name="paths"/> on <paramref name="maxDegreeOfParallelism"/> threads at once (one per core when
    /// null), each file within <paramref name="fileTimeBudget"/> (<see cref="BudgetedParallel.DefaultFileBudget"/> when null).
    /// </summary>
    public static AudioBatchResult ReadAll(IReadOnlyList<string> paths, BadFilePolicy policy = BadFilePolicy.Skip, int? maxDegreeOfParallelism = null,
        TimeSpan? fileTimeBudget = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var waveforms = new Waveform?[paths.Count];
        var errors = new AudioFileError?[paths.Count];
        var budget = fileTimeBudget ?? BudgetedParallel.DefaultFileBudget;
        bool stop = false;
        var overBudget = BudgetedParallel.For(paths.Count, maxDegreeOfParallelism ?? Environment.ProcessorCount, budget, (i, _) =>
        {
            var error = TryRead(paths[i], out var waveform);
            (errors[i], waveforms[i]) = (error, waveform);
            if (error is not null && policy == BadFilePolicy.Fail) Volatile.Write(ref stop, true);
        }, () => Volatile.Read(ref stop));
        foreach (int i in overBudget)
        {
            string reason = BudgetedParallel.OverBudgetReason(budget);
            errors[i] = new AudioFileError(paths[i], reason, new AudioDecodeException(paths[i], reason));
        }

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
