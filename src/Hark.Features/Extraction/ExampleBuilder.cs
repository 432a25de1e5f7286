using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Audio.Normalization;
using Hark.Data;
using Hark.Features.Examples;

namespace Hark.Features.Extraction;

/// <summary>
/// Builds in-memory feature sets from dataset items with one front end. Front ends whose normalisation needs
/// training statistics (per-mel-bin standardisation, min-max) are fitted on the training items with
/// <see cref="FitNormalization"/>, and the fitted front end is what the run directory keeps.
/// </summary>
public sealed class ExampleBuilder
{
    private readonly int imageSize;
    private readonly Action<string> report;
    private readonly string? cacheRoot;

    /// <summary><paramref name="cacheRoot"/>: the feature cache folder (see <see cref="FeatureCacheLocation"/>), or null for none.</summary>
    public ExampleBuilder(FrontEndConfig frontEnd, int imageSize, Action<string> report, string? cacheRoot = null)
    {
        FrontEnd = frontEnd;
        this.imageSize = imageSize;
        this.report = report;
        this.cacheRoot = cacheRoot;
    }

    /// <summary>Limits on reading each audio file (see <see cref="FeatureExtraction.Read"/>).</summary>
    public AudioReadOptions Read { get; init; } = AudioReadOptions.Whole;

    /// <summary>Audio inputs read from the feature cache so far (fitting and building together).</summary>
    public int CacheHits { get; private set; }

    public FrontEndConfig FrontEnd { get; private set; }

    private bool NeedsFitting => FrontEnd.Normalization.Kind switch
    {
        NormalizationKind.MelBinStandardization => FrontEnd.Normalization.Mean is null,
        NormalizationKind.MinMax => FrontEnd.Normalization.Min is null,
        _ => false,
    };

    /// <summary>Fits the front end's normalisation statistics on <paramref name="trainItems"/> (no-op when none are needed or already fitted).</summary>
    public void FitNormalization(IReadOnlyList<DatasetItem> trainItems)
    {
        if (!NeedsFitting || trainItems.Count == 0 || FeatureExtraction.IsImage(trainItems[0])) return;
        var raw = FrontEnd with { Normalization = NormalizationOptions.None };
        var (inputs, shape, _, hits) = new FeatureExtraction(new FrontEnd(raw), imageSize, cacheRoot, report) { Read = Read }.Extract(trainItems);
        CacheHits += hits;
        var statistics = new FeatureStatistics(FrontEnd.NMels);
        int size = shape.Aggregate(1, (a, b) => a * b);
        for (int i = 0; i < trainItems.Count; i++) statistics.Add(inputs[0].AsSpan(i * size, size));
        var fitted = FrontEnd.Normalization.Kind == NormalizationKind.MinMax ? statistics.MinMax() : statistics.MelBinStandardization();
        FrontEnd = FrontEnd with
        {
            Normalization = fitted with { ClampMin = FrontEnd.Normalization.ClampMin, ClampMax = FrontEnd.Normalization.ClampMax },
        };
    }

    /// <summary>Features of <paramref name="items"/>; items whose files cannot be read are reported and left out (or, with <see cref="ProblemPolicy.Fail"/>, end the build with the first of them).</summary>
    public FeatureSet Build(IReadOnlyList<DatasetItem> items, Dataset dataset, ProblemPolicy onBadInput, IProgress<ExtractionProgress>? progress = null)
    {
        var extraction = new FeatureExtraction(new FrontEnd(FrontEnd), imageSize, cacheRoot, report)
        {
            Read = Read,
            Options = new ExtractionOptions { OnBadFile = onBadInput },
        };
        var (inputs, shape, failures, hits) = extraction.Extract(items, progress);
        CacheHits += hits;
        foreach (var (_, problem) in failures) report($"skipped {problem}");
        if (failures.Count == items.Count) // Extract refuses an empty list, so this is every item failing
            throw new InvalidDataException($"none of the {items.Count} file(s) could be read (each is listed above with its reason), so nothing is left to work on");
        var keep = Enumerable.Range(0, items.Count).Except(failures.Select(f => f.Index)).ToArray();
        int size = shape.Aggregate(1, (a, b) => a * b);
        var kept = inputs.Select(data =>
        {
            if (keep.Length == items.Count) return data;
            var compact = new float[(long)keep.Length * size];
            for (int k = 0; k < keep.Length; k++) data.AsSpan(keep[k] * size, size).CopyTo(compact.AsSpan(k * size));
            return compact;
        }).ToList();
        var keptItems = keep.Select(i => items[i]).ToList();
        var shapes = Enumerable.Repeat(shape, inputs.Length).ToList();
        int classes = dataset.Labels.Count;
        var weights = keptItems.Any(i => i.Weight != 1f) ? keptItems.Select(i => i.Weight).ToArray() : null;
        if (!dataset.HasLabels)
            return new FeatureSet(keptItems.Select(i => i.Id).ToList(), shapes, kept, null, null, classes);
        if (dataset.Kind == LabelKind.SingleLabel)
            return new FeatureSet(keptItems.Select(i => i.Id).ToList(), shapes, kept, keptItems.Select(i => i.Label).ToArray(), null, classes) { Weights = weights };
        var targets = new float[keptItems.Count * classes];
        for (int i = 0; i < keptItems.Count; i++)
            foreach (var c in keptItems[i].Labels) targets[i * classes + c] = 1f;
        return new FeatureSet(keptItems.Select(i => i.Id).ToList(), shapes, kept, null, targets, classes) { Weights = weights };
    }
}
