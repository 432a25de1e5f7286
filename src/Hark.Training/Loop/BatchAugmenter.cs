using Hark.Tensors;
using Hark.Features.Augmentation;
using Hark.Training.Configuration;

namespace Hark.Training.Loop;

/// <summary>The recipe's training-time augmentation of one batch: per-sample spectrogram augmentations on every input, then MixUp/CutMix across the batch.</summary>
public sealed class BatchAugmenter(RecipeConfig recipe)
{
    private readonly SpectrogramAugmentations perSample = new(recipe.Augment);
    private readonly BatchMixer mixer = new(recipe.Mix);

    public MixResult Apply(Tensor[] inputs, Generator generator)
    {
        foreach (var input in inputs) perSample.Apply(input, generator);
        return mixer.Apply(inputs, generator);
    }
}
