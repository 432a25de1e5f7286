using Hark.Tensors;

namespace Hark.Audio.Cropping;

/// <summary>
/// Fixed-length operations on mono signals: every one writes exactly destination.Length samples and allocates nothing.
/// A clip longer than the destination is cropped (start, centre, random or at an explicit offset); a shorter one is
/// padded with zeros or looped.
/// </summary>
public static class Length
{
    /// <summary>Applies <paramref name="policy"/>; <paramref name="generator"/> is required for <see cref="CropPosition.Random"/>.</summary>
    public static void Apply(ReadOnlySpan<float> signal, Span<float> destination, LengthPolicy policy, Generator? generator = null)
    {
        int excess = signal.Length - destination.Length;
        int offset = policy.Crop switch
        {
            CropPosition.Start => 0,
            CropPosition.Centre => Math.Max(0, excess / 2),
            CropPosition.Random when excess <= 0 => 0,
            CropPosition.Random => (generator ?? throw new ArgumentException("Length.Apply: CropPosition.Random needs a seeded Generator")).NextInt(excess + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Crop, "Length.Apply: unknown crop position"),
        };
        CropAt(signal, offset, destination, policy.Padding);
    }

    /// <summary>Copies destination.Length samples starting at <paramref name="offset"/>, padding past the end of the signal.</summary>
    public static void CropAt(ReadOnlySpan<float> signal, int offset, Span<float> destination, ShortClipPadding padding = ShortClipPadding.Zeros)
    {
        if (offset < 0 || (offset > 0 && offset > signal.Length - 1))
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Length.CropAt: offset must be in [0, {Math.Max(0, signal.Length - 1)}] for a signal of {signal.Length} samples");
        var available = signal[offset..];
        int copied = Math.Min(available.Length, destination.Length);
        available[..copied].CopyTo(destination);
        var rest = destination[copied..];
        if (rest.IsEmpty) return;
        if (padding == ShortClipPadding.Zeros || signal.IsEmpty)
        {
            rest.Clear();
            return;
        }
        while (!rest.IsEmpty)
        {
            int n = Math.Min(signal.Length, rest.Length);
            signal[..n].CopyTo(rest);
            rest = rest[n..];
        }
    }

    /// <summary>Pads (zeros or loop) or trims from the end to destination.Length.</summary>
    public static void PadOrTrim(ReadOnlySpan<float> signal, Span<float> destination, ShortClipPadding padding = ShortClipPadding.Zeros) =>
        CropAt(signal, 0, destination, padding);

    /// <summary>The centre destination.Length samples (padded when the signal is shorter).</summary>
    public static void CentreCrop(ReadOnlySpan<float> signal, Span<float> destination, ShortClipPadding padding = ShortClipPadding.Zeros) =>
        CropAt(signal, Math.Max(0, (signal.Length - destination.Length) / 2), destination, padding);

    /// <summary>A crop at a uniformly drawn offset (padded when the signal is shorter); returns the offset.</summary>
    public static int RandomCrop(ReadOnlySpan<float> signal, Span<float> destination, Generator generator, ShortClipPadding padding = ShortClipPadding.Zeros)
    {
        int excess = signal.Length - destination.Length;
        int offset = excess > 0 ? generator.NextInt(excess + 1) : 0;
        CropAt(signal, offset, destination, padding);
        return offset;
    }

    /// <summary>
    /// How many evenly spaced crops of <paramref name="cropLength"/> samples cover a signal of <paramref name="signalLength"/>:
    /// ceil(signal / crop), so the stride (signal - crop) / (count - 1) never exceeds the crop and no sample is left out;
    /// 1 when the signal is not longer than the crop; at most <paramref name="max"/> (a longer signal is then sampled, not covered).
    /// </summary>
    public static int CoveringCount(long signalLength, int cropLength, int max)
    {
        if (cropLength < 1) throw new ArgumentOutOfRangeException(nameof(cropLength), cropLength, "Length.CoveringCount: crop length must be >= 1");
        if (max < 1) throw new ArgumentOutOfRangeException(nameof(max), max, "Length.CoveringCount: max must be >= 1");
        return (int)Math.Clamp((signalLength + cropLength - 1) / cropLength, 1, max);
    }

    /// <summary>
    /// Start offsets of <paramref name="count"/> evenly spaced crops of <paramref name="cropLength"/> samples for test-time
    /// augmentation: round(k * (length - crop) / (count - 1)), the first at 0 and the last flush with the end; all 0 when the
    /// clip is not longer than the crop; one crop is the centre crop.
    /// </summary>
    public static int[] EvenlySpacedOffsets(int signalLength, int cropLength, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Length.EvenlySpacedOffsets: count must be >= 1");
        if (cropLength < 1) throw new ArgumentOutOfRangeException(nameof(cropLength), cropLength, "Length.EvenlySpacedOffsets: crop length must be >= 1");
        int excess = Math.Max(0, signalLength - cropLength);
        var offsets = new int[count];
        for (int k = 0; k < count; k++)
            offsets[k] = count == 1 ? excess / 2 : (int)Math.Round((double)k * excess / (count - 1), MidpointRounding.AwayFromZero);
        return offsets;
    }
}
