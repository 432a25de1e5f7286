using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Features.Extraction;
using Hark.Inference;
using Hark.Training.Configuration;

namespace Hark.Workflows;

/// <summary>
/// The clips a run scores over windows that cover them (tta.crops=0, see <see cref="TtaConfig.Crops"/>): those whose
/// headers say they are longer than the run's clip length. Everything else keeps its one (cached) training window.
/// </summary>
internal static class LongClips
{
    /// <summary>
    /// Indices of the items of <paramref name="items"/> that need more than one window under a run's <paramref name="tta"/>
    /// and <paramref name="frontEnd"/>; none unless the run covers clips. Reads the clips' headers only.
    /// </summary>
    public static HashSet<int> Find(TtaConfig tta, FrontEndConfig frontEnd, IReadOnlyList<DatasetItem> items)
    {
        if (tta.Crops != TtaConfig.Cover || frontEnd.Length is null || items.Count == 0 || FeatureExtraction.IsImage(items[0])) return [];
        var longer = ClipDurations.LongerThanClipLength([.. items.Select(i => i.Path)], frontEnd);
        return [.. Enumerable.Range(0, longer.Length).Where(i => longer[i])];
    }

    /// <summary>
    /// Probabilities by item id of <paramref name="items"/>[<paramref name="indices"/>], each decoded whole and scored over
    /// its covering windows; under <see cref="ProblemPolicy.SkipAndReport"/> an undecodable clip is reported and left out.
    /// </summary>
    public static Dictionary<string, float[]> Score(Predictor predictor, IReadOnlyList<DatasetItem> items, IReadOnlyCollection<int> indices,
        AudioReadOptions read, ProblemPolicy onBadInput, Action<string> report)
    {
        var order = indices.Order().ToArray();
        var rows = new float[order.Length][];
        var failures = new string?[order.Length];
        Parallel.For(0, order.Length, k =>
        {
            try { rows[k] = predictor.PredictWaveform(AudioFile.Read(items[order[k]].Path, read)); }
            catch (AudioDecodeException e) when (onBadInput == ProblemPolicy.SkipAndReport) { failures[k] = e.Message; }
        });
        var scored = new Dictionary<string, float[]>();
        for (int k = 0; k < order.Length; k++)
            if (failures[k] is { } failure) report($"skipped {items[order[k]].Origin}: {failure}");
            else scored[items[order[k]].Id] = rows[k];
        return scored;
    }
}
