using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Cuts every sample of [batch, channels, mels, frames] to a fixed number of frames, returning a new tensor:
/// <see cref="Random"/> for training (offset uniform in [0, frames - target], one draw per sample) and
/// <see cref="Centre"/> for evaluation (offset floor((frames - target) / 2)). A clip no longer than the target keeps all of
/// its frames from offset 0 and is padded on the right with <c>padValue</c>; no offset is drawn then.
/// </summary>
public static class TimeCrop
{
    public static Tensor Random(Tensor batch, int frames, Generator generator, float padValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Crop(batch, frames, padValue, "TimeCrop.Random", available => generator.NextInt(0, available - frames));
    }

    public static Tensor Centre(Tensor batch, int frames, float padValue = 0f) =>
        Crop(batch, frames, padValue, "TimeCrop.Centre", available => (available - frames) / 2);

    private static Tensor Crop(Tensor batch, int frames, float padValue, string op, Func<int, int> offsetOf)
    {
        var (batchSize, channels, mels, available) = SpectrogramBatch.Dimensions(batch, op);
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"{op}: the target frame count must be >= 1");
        var output = Tensor.Empty([batchSize, channels, mels, frames]);
        var source = batch.Span;
        var target = output.Span;
        int rows = channels * mels;
        int copied = Math.Min(frames, available);
        for (int b = 0; b < batchSize; b++)
        {
            int offset = available > frames ? offsetOf(available) : 0;
            for (int r = 0; r < rows; r++)
            {
                int row = b * rows + r;
                var destination = target.Slice(row * frames, frames);
                source.Slice(row * available + offset, copied).CopyTo(destination);
                destination[copied..].Fill(padValue);
            }
        }
        return output;
    }
}
