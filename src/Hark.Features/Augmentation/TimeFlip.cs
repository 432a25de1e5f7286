using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>Per sample, with probability p, reverses every row of frames in place. Draws one uniform per sample.</summary>
public sealed class TimeFlip : IBatchAugmentation
{
    public TimeFlip(TimeFlipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public TimeFlipOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "TimeFlip");
        ArgumentNullException.ThrowIfNull(generator);
        var data = batch.Span;
        int rows = channels * mels;
        for (int b = 0; b < batchSize; b++)
        {
            if (generator.NextFloat() >= Options.P) continue;
            for (int r = 0; r < rows; r++) data.Slice((b * rows + r) * frames, frames).Reverse();
        }
    }
}
