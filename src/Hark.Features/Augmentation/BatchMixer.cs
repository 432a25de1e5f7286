using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Chooses per batch between no mixing, MixUp and CutMix like timm's Mixup._params_per_batch: one uniform against prob
/// (drawn only when some kind is on), one against switch_prob when both kinds are on, then the chosen mixer's own draws.
/// </summary>
public sealed class BatchMixer
{
    public BatchMixer(MixOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public MixOptions Options { get; }

    public MixResult Apply(Tensor input, Generator generator) => Apply([input], generator);

    /// <summary>Mixes every input of a sample with the same partner and lambda; returns the inputs themselves when it does not mix.</summary>
    public MixResult Apply(Tensor[] inputs, Generator generator)
    {
        MixInputs.BatchSize(inputs, "BatchMixer");
        ArgumentNullException.ThrowIfNull(generator);
        if (!Options.Enabled || generator.NextFloat() >= Options.Prob) return MixResult.Unmixed(inputs);
        bool cutMix = Options.MixupAlpha > 0 && Options.CutmixAlpha > 0
            ? generator.NextFloat() < Options.SwitchProb
            : Options.CutmixAlpha > 0;
        return cutMix ? CutMix.Apply(inputs, Options.CutmixAlpha, generator) : MixUp.Apply(inputs, Options.MixupAlpha, generator);
    }
}
