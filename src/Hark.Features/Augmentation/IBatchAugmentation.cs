using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// A training-time transform of a spectrogram batch [batch, channels, mels, frames] that rewrites it in place.
/// Every random decision is drawn from the generator passed in in a fixed order (sample by sample), so the same
/// seed gives the same batch. Inputs are data, not parameters: nothing is recorded for autograd.
/// </summary>
public interface IBatchAugmentation
{
    void Apply(Tensor batch, Generator generator);
}
