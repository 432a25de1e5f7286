using System.Globalization;
using Hark.Data;
using Hark.Features.Extraction;

namespace Hark.Training.Configuration;

/// <summary>
/// The clip length of a run whose recipe leaves it to the preset (no <c>front_end.length</c> key in the recipe, its file
/// or <c>--set</c>): the 90th percentile of the training clips' durations, rounded up to 0.1 s, never shorter than the
/// preset's own length (1 s for seed-audio, so short clips are cut and padded as before) and never longer than 10 s.
/// A preset that keeps each clip's own length is left alone. The chosen length is written into the run's front end and
/// the rule with its figures into <see cref="RunConfig.ChosenFromData"/>, so config.yaml says what was chosen and why.
/// Since the length leaves a tenth of the clips longer, <see cref="RecipeConfig.RandomCrop"/> is switched on unless the
/// recipe or <c>--set</c> says otherwise: those clips train on a window at a random offset each epoch, not only their start.
/// The sample rate stays the preset's: 16 kHz keeps speech and most sound events, and 44.1/48 kHz data resampled to it
/// costs a third of the frames.
/// </summary>
public static class ClipLengthRule
{
    public const double Percentile = 0.9;
    public const double LongestSeconds = 10.0;
    public const double StepSeconds = 0.1;

    /// <summary>
    /// Sets the clip length of <paramref name="config"/> from the durations of <paramref name="trainItems"/> when the
    /// configuration leaves it to the preset; returns the line that says what was chosen and why, or null when nothing was.
    /// </summary>
    public static string? ApplyTo(RunConfig config, IReadOnlyList<DatasetItem> trainItems)
    {
        if (config.FrontEnd.ContainsKey("length") || trainItems.Count == 0 || FeatureExtraction.IsImage(trainItems[0])) return null;
        if (FrontEndResolver.Resolve(config.FrontEnd).Length is not { } presetLength) return null;
        var durations = ClipDurations.Measure([.. trainItems.Select(i => i.Path)]);
        if (durations.Length == 0) return null;
        double seconds = Choose(durations, presetLength.Seconds);
        Array.Sort(durations);
        config.FrontEnd["length"] = new Dictionary<string, object> { ["seconds"] = Format(seconds) };
        config.ChosenFromData = $"front_end.length.seconds={Format(seconds)}: the {Percentile * 100:0}th percentile of the {durations.Length} training clips' "
            + $"durations ({Format(durations[0], "0.00")}-{Format(durations[^1], "0.00")} s, median {Format(Quantile(durations, 0.5), "0.00")} s, "
            + $"{Percentile * 100:0}th percentile {Format(Quantile(durations, Percentile), "0.00")} s) rounded up to {Format(StepSeconds)} s, "
            + $"at least the preset's {Format(presetLength.Seconds)} s and at most {Format(LongestSeconds)} s";
        config.Recipe.RandomCrop ??= true;
        return $"clip length {Format(seconds)} s, chosen from the data ({config.ChosenFromData.Split(": ", 2)[1]}); "
            + "set front_end.length.seconds to choose another"
            + (config.Recipe.RandomCrop == true ? "; longer training clips are cropped at a random offset each epoch (recipe.random_crop)" : "");
    }

    /// <summary>The rule itself: the <see cref="Percentile"/> of <paramref name="durations"/> rounded up to <see cref="StepSeconds"/>, within [preset, <see cref="LongestSeconds"/>].</summary>
    public static double Choose(IReadOnlyList<double> durations, double presetSeconds)
    {
        if (durations.Count == 0) throw new ArgumentException("ClipLengthRule: no durations to choose from", nameof(durations));
        var sorted = durations.Order().ToArray();
        // Rounded to a millionth first so that a percentile of exactly 2.0 s is not lifted to 2.1 s by float error.
        double steps = Math.Ceiling(Math.Round(Quantile(sorted, Percentile) / StepSeconds, 6));
        return Math.Round(Math.Clamp(steps * StepSeconds, presetSeconds, Math.Max(presetSeconds, LongestSeconds)), 3);
    }

    /// <summary>The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> with linear interpolation (numpy's default).</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static string Format(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
