using Hark.Audio.FrontEnds;

namespace Hark.Audio.Tests.Fuzzing;

/// <summary>How one fuzz case ended.</summary>
public enum FuzzVerdict { Decoded, Refused, Crash, Hang, NanOutput, SilentGarbage, UnclearError }

public sealed record FuzzResult(FuzzCase Case, FuzzVerdict Verdict, string Detail);

/// <summary>
/// Runs fuzz cases through decoding (both the waveform and the pooled mono path) and a front end, in process, each under
/// a time limit, and judges the outcome: features with NaN/Inf are a <see cref="FuzzVerdict.NanOutput"/>, a must-refuse
/// file that decodes is <see cref="FuzzVerdict.SilentGarbage"/>, a refusal must be one line naming the file
/// (<see cref="IsClear"/>), and any exception other than <see cref="AudioDecodeException"/> or the front end's
/// <see cref="ArgumentException"/> is a crash.
/// </summary>
public static class FuzzRunner
{
    public static FuzzResult Run(FuzzCase fuzzCase, FrontEnd frontEnd, TimeSpan limit)
    {
        var work = Task.Run(() => RunUnbounded(fuzzCase, frontEnd));
        return work.Wait(limit) ? work.Result : new FuzzResult(fuzzCase, FuzzVerdict.Hang, $"no result within {limit.TotalSeconds} s");
    }

    private static FuzzResult RunUnbounded(FuzzCase fuzzCase, FrontEnd frontEnd)
    {
        try
        {
            var waveform = AudioFile.Decode(fuzzCase.Bytes, fuzzCase.Name);
            using (var mono = AudioFile.DecodeMonoRented(fuzzCase.Bytes, fuzzCase.Name))
                if (mono.Samples.Length != waveform.Frames || mono.SampleRate != waveform.SampleRate)
                    return new FuzzResult(fuzzCase, FuzzVerdict.SilentGarbage, $"the two decoding paths disagree: {waveform} vs {mono.Samples.Length} mono samples at {mono.SampleRate} Hz");
            if (fuzzCase.MustRefuse) return new FuzzResult(fuzzCase, FuzzVerdict.SilentGarbage, $"decoded to {waveform}");
            var features = frontEnd.Apply(waveform).ToArray();
            int bad = DecodedAudioChecks.IndexOfNonFinite(features);
            return bad >= 0
                ? new FuzzResult(fuzzCase, FuzzVerdict.NanOutput, $"feature {bad} is {features[bad]}")
                : new FuzzResult(fuzzCase, FuzzVerdict.Decoded, waveform.ToString());
        }
        catch (AudioDecodeException e)
        {
            return Refusal(fuzzCase, e.Message, e.FileName == fuzzCase.Name);
        }
        catch (ArgumentException e) when (e.TargetSite?.DeclaringType?.Namespace?.StartsWith("Hark.Audio") == true)
        {
            return Refusal(fuzzCase, $"{fuzzCase.Name}: {e.Message}", namesFile: true);
        }
        catch (Exception e)
        {
            return new FuzzResult(fuzzCase, FuzzVerdict.Crash, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static FuzzResult Refusal(FuzzCase fuzzCase, string message, bool namesFile) =>
        namesFile && IsClear(message, fuzzCase.Name)
            ? new FuzzResult(fuzzCase, FuzzVerdict.Refused, message)
            : new FuzzResult(fuzzCase, FuzzVerdict.UnclearError, message);

    /// <summary>A clear error: one line of at most 400 characters that starts with the file's name and shows no exception type or stack frame.</summary>
    public static bool IsClear(string message, string fileName) =>
        message.StartsWith(fileName + ": ") && message.Length <= 400 && !message.Contains('\n')
        && !message.Contains("Exception") && !message.Contains("   at ");

    /// <summary>The harness's last line: files=N crashes=N hangs=N nan_outputs=N silent_garbage=N unclear_errors=N.</summary>
    public static string Summary(IReadOnlyCollection<FuzzResult> results, int extraCrashes = 0, int extraHangs = 0, int extraUnclear = 0)
    {
        int Count(FuzzVerdict verdict) => results.Count(r => r.Verdict == verdict);
        return $"files={results.Count} crashes={Count(FuzzVerdict.Crash) + extraCrashes} hangs={Count(FuzzVerdict.Hang) + extraHangs} "
            + $"nan_outputs={Count(FuzzVerdict.NanOutput)} silent_garbage={Count(FuzzVerdict.SilentGarbage)} unclear_errors={Count(FuzzVerdict.UnclearError) + extraUnclear}";
    }
}
