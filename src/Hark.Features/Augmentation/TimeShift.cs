using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// Per sample, with probability p, rolls every row of frames by the same shift s: out[t] = in[(t - s) mod frames], as
/// torch.roll(x, s, dims=-1). Draws one uniform per sample, then the shift only for samples that move.
/// </summary>
public sealed class TimeShift : IBatchAugmentation
{
    public TimeShift(TimeShiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public TimeShiftOptions Options { get; }

    public void Apply(Tensor batch, Generator generator)
    {
        var (batchSize, channels, mels, frames) = SpectrogramBatch.Dimensions(batch, "TimeShift");
        ArgumentNullException.ThrowIfNull(generator);
        var data = batch.Span;
        int rows = channels * mels;
        int maxShift = (int)MathF.Floor(Options.MaxFraction * frames);
        for (int b = 0; b < batchSize; b++)
        {
            if (generator.NextFloat() >= Options.P) continue;
            int shift = generator.NextInt(-maxShift, maxShift);
            for (int r = 0; r < rows; r++) Roll(data.Slice((b * rows + r) * frames, frames), shift);
        }
    }

    /// <summary>torch.roll of one row in place, by three reversals (no scratch).</summary>
    public static void Roll(Span<float> row, int shift)
    {
        int n = row.Length;
        if (n == 0) return;
        int s = ((shift % n) + n) % n;
        if (s == 0) return;
        row.Reverse();
        row[..s].Reverse();
        row[s..].Reverse();
    }
}
