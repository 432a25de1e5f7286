using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Frequency and time masking in place on [batch, channels, mels, frames].
/// Draw order, per sample: one uniform for the probability test (always drawn), then for each channel (or once when masks
/// are shared) every frequency mask, then every time mask, each as (width uniform, start uniform) like torchaudio's
/// mask_along_axis_iid. The mean fill is the mean of the sample's channel before any mask is written.
/// </summary>
public sealed class SpecAugment : IBatchAugmentation
{
    public SpecAugment(SpecAugmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public SpecAugmentOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "SpecAugment");
        ArgumentNullException.ThrowIfNull(generator);
        var data = batch.Span;
        int plane = mels * frames;
        int masks = Options.FreqMasks + Options.TimeMasks;
        var starts = new int[masks];
        var ends = new int[masks];
        for (int b = 0; b < batchSize; b++)
        {
            bool apply = generator.NextFloat() < Options.P;
            if (!apply) continue;
            var sample = data.Slice(b * channels * plane, channels * plane);
            if (Options.IidMasks)
            {
                for (int c = 0; c < channels; c++)
                {
                    var channel = sample.Slice(c * plane, plane);
                    MaskChannel(channel, mels, frames, generator, FillValue(channel));
                }
                continue;
            }
            // Shared masks: draw once, then write them into every channel with that channel's own fill.
            for (int m = 0; m < masks; m++)
            {
                bool frequency = m < Options.FreqMasks;
                (starts[m], ends[m]) = DrawMask(generator, frequency ? Options.FreqMaskParam : Options.TimeMaskParam, frequency ? mels : frames);
            }
            for (int c = 0; c < channels; c++)
            {
                var channel = sample.Slice(c * plane, plane);
                float fill = FillValue(channel);
                for (int m = 0; m < masks; m++)
                {
                    if (m < Options.FreqMasks) FillFrequency(channel, frames, starts[m], ends[m], fill);
                    else FillTime(channel, mels, frames, starts[m], ends[m], fill);
                }
            }
        }
    }

    private void MaskChannel(Span<float> channel, int mels, int frames, Generator generator, float fill)
    {
        for (int m = 0; m < Options.FreqMasks; m++)
        {
            var (start, end) = DrawMask(generator, Options.FreqMaskParam, mels);
            FillFrequency(channel, frames, start, end, fill);
        }
        for (int m = 0; m < Options.TimeMasks; m++)
        {
            var (start, end) = DrawMask(generator, Options.TimeMaskParam, frames);
            FillTime(channel, mels, frames, start, end, fill);
        }
    }

    /// <summary>
    /// One mask [start, end) on an axis of <paramref name="size"/>, as torchaudio: value = u1 * maskParam,
    /// minValue = u2 * (size - value), start = trunc(minValue), end = start + trunc(value), clipped to the axis.
    /// </summary>
    public static (int Start, int End) DrawMask(Generator generator, int maskParam, int size)
    {
        float value = generator.NextFloat() * maskParam;
        float minValue = generator.NextFloat() * (size - value);
        int start = (int)minValue;
        int end = start + (int)value;
        return (Math.Clamp(start, 0, size), Math.Clamp(end, 0, size));
    }

    private float FillValue(ReadOnlySpan<float> channel)
    {
        if (Options.Fill == MaskFill.Zero || channel.Length == 0) return 0f;
        double sum = 0;
        foreach (var v in channel) sum += v;
        return (float)(sum / channel.Length);
    }

    private static void FillFrequency(Span<float> channel, int frames, int start, int end, float fill) =>
        channel.Slice(start * frames, (end - start) * frames).Fill(fill);

    private static void FillTime(Span<float> channel, int mels, int frames, int start, int end, float fill)
    {
        for (int m = 0; m < mels; m++) channel.Slice(m * frames + start, end - start).Fill(fill);
    }
}
