using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>The augmentations switched on in a <see cref="SpectrogramAugmentationOptions"/>, applied in its documented order.</summary>
public sealed class SpectrogramAugmentations : IBatchAugmentation
{
    private readonly IBatchAugmentation[] _steps;

    public SpectrogramAugmentations(SpectrogramAugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var steps = new List<IBatchAugmentation>();
        if (options.RandomGain is { } gain) steps.Add(new RandomGain(gain));
        if (options.GaussianNoise is { } noise) steps.Add(new GaussianNoise(noise));
        if (options.TimeShift is { } shift) steps.Add(new TimeShift(shift));
        if (options.SegmentShuffle is { } shuffle) steps.Add(new SegmentShuffle(shuffle));
        if (options.TimeFlip is { } flip) steps.Add(new TimeFlip(flip));
        if (options.SpecAugment is { } masks) steps.Add(new SpecAugment(masks));
        _steps = [.. steps];
    }

    public IReadOnlyList<IBatchAugmentation> Steps => _steps;

    public void Apply(Tensor batch, Generator generator)
    {
        foreach (var step in _steps) step.Apply(batch, generator);
    }
}
