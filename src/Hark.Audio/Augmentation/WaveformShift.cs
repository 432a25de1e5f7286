namespace Hark.Audio.Augmentation;

/// <summary>Moves a waveform later by <c>shift</c> samples (earlier when negative): out[t] = in[t - shift], wrapped or zero-filled.</summary>
public static class WaveformShift
{
    public static void Apply(Span<float> samples, int shift, ShiftMode mode)
    {
        int n = samples.Length;
        if (n == 0 || shift == 0) return;
        if (mode == ShiftMode.Roll)
        {
            int s = (int)(((long)shift % n + n) % n);
            if (s == 0) return;
            // A rotation right by s as three reversals, in place.
            samples.Reverse();
            samples[..s].Reverse();
            samples[s..].Reverse();
            return;
        }
        if (mode != ShiftMode.Zero) throw new ArgumentOutOfRangeException(nameof(mode), mode, "WaveformShift: unknown shift mode");
        if (Math.Abs((long)shift) >= n)
        {
            samples.Clear();
            return;
        }
        if (shift > 0)
        {
            samples[..(n - shift)].CopyTo(samples[shift..]);
            samples[..shift].Clear();
        }
        else
        {
            samples[(-shift)..].CopyTo(samples);
            samples[(n + shift)..].Clear();
        }
    }
}
