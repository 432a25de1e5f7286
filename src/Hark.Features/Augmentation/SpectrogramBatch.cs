using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>Checks and unpacks the layout every batch augmentation works on: a CPU tensor [batch, channels, mels, frames].</summary>
internal static class SpectrogramBatch
{
    public static (int Batch, int Channels, int Mels, int Frames) Dimensions(Tensor batch, string op)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ShapeException.Check(batch.Rank == 4, op, "a spectrogram batch of rank 4 [batch, channels, mels, frames]", batch);
        if (batch.Device != Device.Cpu)
            throw new ShapeException($"{op}: batch augmentations run on CPU tensors; got {ShapeException.Format(batch.Shape)} on {batch.Device}");
        return (batch.Shape[0], batch.Shape[1], batch.Shape[2], batch.Shape[3]);
    }

    public static void CheckProbability(float p, string option)
    {
        if (!(p >= 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(option, p, $"{option}: a probability must lie in [0, 1]");
    }
}
