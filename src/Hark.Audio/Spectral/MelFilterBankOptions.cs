namespace Hark.Audio.Spectral;

/// <summary>
/// Mel filter bank settings, named like torchaudio.functional.melscale_fbanks and librosa.filters.mel.
/// Defaults are torchaudio's MelSpectrogram: 128 HTK mels from 0 Hz to sample_rate / 2, no normalisation.
/// </summary>
public sealed record MelFilterBankOptions
{
    public int SampleRate { get; init; } = 16000;

    public int NFft { get; init; } = 400;

    public int NMels { get; init; } = 128;

    public double FMin { get; init; }

    /// <summary>Upper edge in Hz; null means sample_rate / 2.</summary>
    public double? FMax { get; init; }

    public MelScale Scale { get; init; } = MelScale.Htk;

    public MelNorm Norm { get; init; } = MelNorm.None;

    public MelFormula Formula { get; init; } = MelFormula.Torchaudio;

    public int Bins => NFft / 2 + 1;

    public double ResolvedFMax => FMax ?? SampleRate / 2.0;

    public void Validate()
    {
        if (SampleRate <= 0) throw new ArgumentException($"MelFilterBankOptions: sample_rate must be > 0; got {SampleRate}");
        if (NFft < 2) throw new ArgumentException($"MelFilterBankOptions: n_fft must be >= 2; got {NFft}");
        if (NMels < 1) throw new ArgumentException($"MelFilterBankOptions: n_mels must be >= 1; got {NMels}");
        if (FMin < 0 || ResolvedFMax <= FMin || ResolvedFMax > SampleRate / 2.0 + 1e-9)
            throw new ArgumentException($"MelFilterBankOptions: need 0 <= f_min < f_max <= sample_rate/2 = {SampleRate / 2.0}; got f_min={FMin}, f_max={ResolvedFMax}");
    }
}
