using Hark.Tensors;

namespace Hark.Features.Extraction;

/// <summary>Features of one file.</summary>
public sealed record ExtractedFeatures(string Path, Tensor Features);

/// <summary>The outcome of <see cref="FeatureExtraction.ExtractFiles"/>: the files' features and their problems, each in input order.</summary>
public sealed record ExtractionResult(IReadOnlyList<ExtractedFeatures> Features, IReadOnlyList<FeatureProblem> Errors, int CacheHits);

/// <summary>Features of many items: one flat array per input ([items, ...Shape]), the items that failed, and how many audio inputs came from the cache.</summary>
public sealed record ItemFeatures(float[][] Inputs, int[] Shape, IReadOnlyList<(int Index, FeatureProblem Problem)> Failures, int CacheHits);

/// <summary>What <see cref="FeatureExtraction.Precompute"/> did: files whose features were already cached, newly computed, and the bad ones.</summary>
public sealed record PrecomputeSummary(int Files, int CacheHits, int Computed, IReadOnlyList<FeatureProblem> Failures);
