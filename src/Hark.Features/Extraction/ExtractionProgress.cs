namespace Hark.Features.Extraction;

/// <summary>Progress of a batch extraction, reported after every file (or item).</summary>
public readonly record struct ExtractionProgress(int Completed, int Total, int Failed, int CacheHits);
