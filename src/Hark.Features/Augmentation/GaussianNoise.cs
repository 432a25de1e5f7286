using Hark.Audio.Augmentation;
using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Per sample, with probability p, adds white Gaussian noise at an SNR relative to the sample's mean square over all its
/// channels (<see cref="NoiseAtSnr"/>: exact, not just in expectation). Draws one uniform per sample, then the SNR and
/// one Gaussian per element.
/// </summary>
public sealed class GaussianNoise : IBatchAugmentation
{
    public GaussianNoise(GaussianNoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public GaussianNoiseOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "GaussianNoise");
        ArgumentNullException.ThrowIfNull(generator);
        var data = batch.Span;
        int sampleSize = channels * mels * frames;
        var noise = new float[sampleSize];
        for (int b = 0; b < batchSize; b++)
        {
            if (generator.NextFloat() >= Options.P) continue;
            double snrDb = Options.MinSnrDb + (Options.MaxSnrDb - Options.MinSnrDb) * generator.NextDouble();
            NoiseAtSnr.AddWhite(data.Slice(b * sampleSize, sampleSize), snrDb, generator, noise);
        }
    }
}
