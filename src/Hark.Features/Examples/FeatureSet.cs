using Hark.Tensors;

namespace Hark.Features.Examples;

/// <summary>
/// Examples held in memory as fixed-shape feature arrays, one flat array per model input (a sample may have several
/// inputs, e.g. three spectrogram images), with single-label indices, multi-hot targets, or no labels (prediction).
/// Batches are gathered by index into fresh tensors [batch, channels, height, width].
/// </summary>
public sealed class FeatureSet
{
    public FeatureSet(IReadOnlyList<string> ids, IReadOnlyList<int[]> inputShapes, IReadOnlyList<float[]> inputs, int[]? labels, float[]? targets, int classCount)
    {
        if (inputShapes.Count == 0 || inputShapes.Count != inputs.Count)
            throw new ArgumentException($"FeatureSet: {inputShapes.Count} input shapes for {inputs.Count} input arrays");
        Count = ids.Count;
        for (int j = 0; j < inputs.Count; j++)
        {
            int size = inputShapes[j].Aggregate(1, (a, b) => a * b);
            if (inputs[j].Length != (long)size * Count)
                throw new ArgumentException($"FeatureSet: input {j} holds {inputs[j].Length} values, expected {Count} x {ShapeException.Format(inputShapes[j])}");
        }
        if (labels is not null && targets is not null)
            throw new ArgumentException("FeatureSet: give single-label indices, multi-hot targets, or neither (unlabelled), not both");
        if (labels is not null && labels.Length != Count) throw new ArgumentException($"FeatureSet: {labels.Length} labels for {Count} examples");
        if (targets is not null && targets.Length != (long)Count * classCount) throw new ArgumentException($"FeatureSet: {targets.Length} target values for {Count} examples x {classCount} classes");
        Ids = ids;
        InputShapes = inputShapes;
        Inputs = inputs;
        Labels = labels;
        Targets = targets;
        ClassCount = classCount;
    }

    public int Count { get; }
    public IReadOnlyList<string> Ids { get; }
    public IReadOnlyList<int[]> InputShapes { get; }
    public IReadOnlyList<float[]> Inputs { get; }

    /// <summary>Class index per example (single-label), else null.</summary>
    public int[]? Labels { get; }

    /// <summary>Row-major [examples, classes] multi-hot targets (multi-label), else null.</summary>
    public float[]? Targets { get; }
    public int ClassCount { get; }

    /// <summary>Training weight per example (the data's <c>weight</c> column), or null when every example weighs 1.</summary>
    public float[]? Weights { get; init; }

    public bool IsMultiLabel => Targets is not null;
    public bool IsLabelled => Labels is not null || Targets is not null;

    /// <summary>The examples at <paramref name="indices"/>, in that order.</summary>
    public FeatureSet Subset(IReadOnlyList<int> indices)
    {
        var inputs = new List<float[]>();
        for (int j = 0; j < Inputs.Count; j++)
        {
            int size = SampleSize(j);
            var data = new float[(long)size * indices.Count];
            for (int i = 0; i < indices.Count; i++) Inputs[j].AsSpan(indices[i] * size, size).CopyTo(data.AsSpan(i * size));
            inputs.Add(data);
        }
        float[]? targets = null;
        if (Targets is not null)
        {
            targets = new float[indices.Count * ClassCount];
            for (int i = 0; i < indices.Count; i++) Targets.AsSpan(indices[i] * ClassCount, ClassCount).CopyTo(targets.AsSpan(i * ClassCount));
        }
        return new FeatureSet(indices.Select(i => Ids[i]).ToList(), InputShapes, inputs, Labels is null ? null : indices.Select(i => Labels[i]).ToArray(), targets, ClassCount)
        {
            Weights = Weights is null ? null : indices.Select(i => Weights[i]).ToArray(),
        };
    }

    /// <summary>Multi-hot labels [examples][classes] of a multi-label set (a target above 0.5 is a label).</summary>
    public bool[][] MultiHot()
    {
        if (Targets is null) throw new InvalidOperationException("MultiHot needs a multi-label feature set");
        var rows = new bool[Count][];
        for (int i = 0; i < Count; i++)
        {
            rows[i] = new bool[ClassCount];
            for (int c = 0; c < ClassCount; c++) rows[i][c] = Targets[i * ClassCount + c] > 0.5f;
        }
        return rows;
    }

    public int SampleSize(int input) => InputShapes[input].Aggregate(1, (a, b) => a * b);

    /// <summary>One tensor per input, shaped [indices.Length, ...inputShape], copied from the examples at <paramref name="indices"/>.</summary>
    public Tensor[] Batch(ReadOnlySpan<int> indices)
    {
        var batch = new Tensor[Inputs.Count];
        for (int j = 0; j < Inputs.Count; j++)
        {
            int size = SampleSize(j);
            var tensor = Tensor.Empty([indices.Length, .. InputShapes[j]]);
            var span = tensor.Span;
            for (int i = 0; i < indices.Length; i++) Inputs[j].AsSpan(indices[i] * size, size).CopyTo(span.Slice(i * size, size));
            batch[j] = tensor;
        }
        return batch;
    }

    /// <summary>Multi-hot (or one-hot for single-label) targets of the examples at <paramref name="indices"/> as [batch, classes].</summary>
    public Tensor TargetBatch(ReadOnlySpan<int> indices)
    {
        var tensor = Tensor.Zeros(indices.Length, ClassCount);
        var span = tensor.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            if (Targets is not null) Targets.AsSpan(indices[i] * ClassCount, ClassCount).CopyTo(span.Slice(i * ClassCount, ClassCount));
            else span[i * ClassCount + Labels![indices[i]]] = 1f;
        }
        return tensor;
    }

    public int[] LabelBatch(ReadOnlySpan<int> indices)
    {
        var labels = Labels ?? throw new InvalidOperationException("LabelBatch: this feature set is multi-label");
        var batch = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++) batch[i] = labels[indices[i]];
        return batch;
    }
}
