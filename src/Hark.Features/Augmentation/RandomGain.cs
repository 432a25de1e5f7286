using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Per sample, with probability p, adds the log-domain image of a gain g dB (g for dB, g ln10/10 for natural log) to every
/// element: scaling power by 10^(g/10) is an offset once the spectrogram is logarithmic. Draws one uniform per sample,
/// then g for samples that change.
/// </summary>
public sealed class RandomGain : IBatchAugmentation
{
    public RandomGain(RandomGainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public RandomGainOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "RandomGain");
        ArgumentNullException.ThrowIfNull(generator);
        var data = batch.Span;
        int sampleSize = channels * mels * frames;
        for (int b = 0; b < batchSize; b++)
        {
            if (generator.NextFloat() >= Options.P) continue;
            double gainDb = Options.MinGainDb + (Options.MaxGainDb - Options.MinGainDb) * generator.NextDouble();
            var sample = data.Slice(b * sampleSize, sampleSize);
            TensorPrimitives.Add(sample, (float)Offset(gainDb, Options.Scale), sample);
        }
    }

    /// <summary>What a gain of <paramref name="gainDb"/> adds to a spectrogram in <paramref name="scale"/>.</summary>
    public static double Offset(double gainDb, LogScale scale) => scale switch
    {
        LogScale.PowerDecibels => gainDb,
        LogScale.NaturalLogPower => gainDb * Math.Log(10) / 10,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "RandomGain: unknown log scale"),
    };
}
