using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Per sample, with probability p, permutes k time segments (the same order for every channel and mel row); segment i of
/// the output is segment order[i] of the input. Draws one uniform per sample, then a Fisher-Yates shuffle of 0..k-1 for
/// samples that change. Clips with fewer frames than segments use one-frame segments.
/// </summary>
public sealed class SegmentShuffle : IBatchAugmentation
{
    public SegmentShuffle(SegmentShuffleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public SegmentShuffleOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "SegmentShuffle");
        ArgumentNullException.ThrowIfNull(generator);
        int segments = Math.Max(1, Math.Min(Options.Segments, frames));
        var starts = new int[segments + 1];
        for (int i = 0; i < segments; i++) starts[i + 1] = starts[i] + frames / segments + (i < frames % segments ? 1 : 0);
        var order = new int[segments];
        var row = new float[frames];
        var data = batch.Span;
        int rows = channels * mels;
        for (int b = 0; b < batchSize; b++)
        {
            if (generator.NextFloat() >= Options.P) continue;
            for (int i = 0; i < segments; i++) order[i] = i;
            generator.Shuffle(order.AsSpan());
            for (int r = 0; r < rows; r++)
            {
                var target = data.Slice((b * rows + r) * frames, frames);
                target.CopyTo(row);
                int position = 0;
                foreach (int segment in order)
                {
                    int length = starts[segment + 1] - starts[segment];
                    row.AsSpan(starts[segment], length).CopyTo(target[position..]);
                    position += length;
                }
            }
        }
    }
}
