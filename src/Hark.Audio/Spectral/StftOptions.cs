namespace Hark.Audio.Spectral;

/// <summary>
/// Short-time Fourier transform settings, named like torch.stft / torchaudio.transforms.Spectrogram. Defaults are torchaudio's:
/// n_fft 400, hop = win_length / 2, periodic Hann window of n_fft points, centred with reflect padding.
/// </summary>
public sealed record StftOptions
{
    public int NFft { get; init; } = 400;

    /// <summary>Samples between frame starts; null means win_length / 2 (torchaudio's default; librosa uses win_length / 4).</summary>
    public int? HopLength { get; init; }

    /// <summary>Window length, at most n_fft; the window is centred in the n_fft frame and zero outside. Null means n_fft.</summary>
    public int? WinLength { get; init; }

    public WindowFunction Window { get; init; } = WindowFunction.Hann;

    public WindowSymmetry WindowSymmetry { get; init; } = WindowSymmetry.Periodic;

    public CenterPadding Center { get; init; } = CenterPadding.Reflect;

    public int ResolvedWinLength => WinLength ?? NFft;

    public int ResolvedHopLength => HopLength ?? ResolvedWinLength / 2;

    /// <summary>n_fft / 2 + 1 frequency bins.</summary>
    public int Bins => NFft / 2 + 1;

    /// <summary>Throws naming the bad setting.</summary>
    public void Validate()
    {
        if (NFft < 2) throw new ArgumentException($"StftOptions: n_fft must be >= 2; got {NFft}");
        if (ResolvedWinLength < 1 || ResolvedWinLength > NFft)
            throw new ArgumentException($"StftOptions: win_length must be in [1, n_fft={NFft}]; got {ResolvedWinLength}");
        if (ResolvedHopLength < 1) throw new ArgumentException($"StftOptions: hop_length must be >= 1; got {ResolvedHopLength}");
    }
}
