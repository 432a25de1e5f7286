using Hark.Features.Examples;
using Hark.Models;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Training.Loop;

/// <summary>Where an example of an <see cref="EvaluationPass"/> batch comes from: its set and its row in that set.</summary>
public readonly record struct ExampleRow(int Set, int Row);

/// <summary>
/// The one evaluation forward pass: validation and test scoring during training, and the predictor's TTA, embeddings and
/// the server's batches. Examples of the same input shapes, from any of the given sets, are gathered straight into
/// batches of at most the batch size, each a power of two (so a server seeing every batch size still allocates
/// activations of a few lengths only: the storage pool keeps buffers by length), run without gradients in evaluation
/// mode on the model's device (<see cref="AudioClassifier.OnModelDevice"/>). A model already in evaluation mode is only read, so a shared predictor can run passes from several threads; a
/// model in training mode is switched to evaluation for the pass and back after it.
/// </summary>
public static class EvaluationPass
{
    /// <summary>Calls <paramref name="consume"/> with each batch's output (<paramref name="forward"/> of its inputs) and the rows it holds, in order.</summary>
    public static void Run(AudioClassifier model, IReadOnlyList<FeatureSet> sets, int batchSize, Func<Tensor[], Tensor> forward,
        Action<Tensor, IReadOnlyList<ExampleRow>> consume)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "evaluation: batch size must be at least 1");
        bool wasTraining = model.Training;
        if (wasTraining) model.Eval();
        try
        {
            using var _ = Graph.NoGrad();
            foreach (var group in Enumerable.Range(0, sets.Count).GroupBy(i => string.Join(";", sets[i].InputShapes.Select(s => ShapeException.Format(s)))))
            {
                var examples = group.SelectMany(i => Enumerable.Range(0, sets[i].Count).Select(row => new ExampleRow(i, row))).ToList();
                var shapes = sets[group.First()].InputShapes;
                for (int start = 0, size; start < examples.Count; start += size)
                {
                    size = PowerOfTwoAtMost(Math.Min(batchSize, examples.Count - start));
                    var rows = examples.GetRange(start, size);
                    using var scope = MemoryScope.Begin(); // the batch and its activations go back to the pool when it is consumed
                    consume(forward(model.OnModelDevice(Gather(sets, shapes, rows))), rows);
                }
            }
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }

    /// <summary>The output rows of every example of every set ([set][row][output width]), in the sets' order.</summary>
    public static float[][][] Rows(AudioClassifier model, IReadOnlyList<FeatureSet> sets, int batchSize, Func<Tensor[], Tensor> forward)
    {
        var result = sets.Select(s => new float[s.Count][]).ToArray();
        Run(model, sets, batchSize, forward, (output, rows) =>
        {
            var values = Split(output);
            for (int b = 0; b < rows.Count; b++) result[rows[b].Set][rows[b].Row] = values[b];
        });
        return result;
    }

    /// <summary>The rows of a batch output [batch, width], read back to the host once and copied out one array per example.</summary>
    public static float[][] Split(Tensor output)
    {
        int width = output.Size(1);
        var data = output.ToArray();
        return Enumerable.Range(0, output.Size(0)).Select(b => data.AsSpan(b * width, width).ToArray()).ToArray();
    }

    /// <summary>Softmax (single-label) or sigmoid (multi-label) of logits: the probabilities every evaluation reports.</summary>
    public static Tensor Probabilities(Tensor logits, bool multiLabel) => multiLabel ? Ops.Sigmoid(logits) : Ops.Softmax(logits, 1);

    private static Tensor[] Gather(IReadOnlyList<FeatureSet> sets, IReadOnlyList<int[]> shapes, List<ExampleRow> rows)
    {
        var batch = new Tensor[shapes.Count];
        for (int j = 0; j < shapes.Count; j++)
        {
            int sample = shapes[j].Aggregate(1, (a, b) => a * b);
            batch[j] = Tensor.Empty([rows.Count, .. shapes[j]]);
            var span = batch[j].Span;
            for (int b = 0; b < rows.Count; b++)
                sets[rows[b].Set].Inputs[j].AsSpan(rows[b].Row * sample, sample).CopyTo(span.Slice(b * sample, sample));
        }
        return batch;
    }

    private static int PowerOfTwoAtMost(int count) => 1 << (31 - System.Numerics.BitOperations.LeadingZeroCount((uint)count));
}
