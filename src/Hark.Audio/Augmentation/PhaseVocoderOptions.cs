using Hark.Audio.Spectral;

namespace Hark.Audio.Augmentation;

/// <summary>
/// The STFT under time stretching and pitch shifting: periodic Hann window of n_fft, hop n_fft/4 unless given, frames
/// centred with n_fft/2 of padding. The hop is also the phase vocoder's synthesis hop, so frames must overlap.
/// The padding matters more than it looks: the vocoder takes its starting phases from frame 0 and, at rates below 1,
/// reuses the first frame pair, so a reflected frame 0 (torch's pad_mode) leaves every later frame's bins out of phase
/// with each other (a steady tone loses ~10 dB at rate 0.8, n_fft 2048 - torchaudio does the same); zeros (librosa 0.10)
/// cost under 1 dB. <see cref="Librosa"/> is the default for that reason; <see cref="Torchaudio"/> exists for parity.
/// </summary>
public sealed record PhaseVocoderOptions
{
    public int NFft { get; init; } = 2048;

    /// <summary>Null means n_fft / 4.</summary>
    public int? HopLength { get; init; }

    /// <summary>Reflect (torch.stft's pad_mode) or Constant (zeros, librosa 0.10's); None is not supported.</summary>
    public CenterPadding Center { get; init; } = CenterPadding.Constant;

    public int ResolvedHopLength => HopLength ?? NFft / 4;

    /// <summary>librosa.effects.time_stretch / pitch_shift: n_fft 2048, hop 512, zero padding.</summary>
    public static PhaseVocoderOptions Librosa { get; } = new();

    /// <summary>torchaudio.functional.pitch_shift: n_fft 512, hop 128, reflect padding.</summary>
    public static PhaseVocoderOptions Torchaudio { get; } = new() { NFft = 512, Center = CenterPadding.Reflect };

    public void Validate()
    {
        if (NFft < 2) throw new ArgumentOutOfRangeException(nameof(NFft), NFft, "phase_vocoder.n_fft must be >= 2");
        int hop = ResolvedHopLength;
        if (hop < 1 || hop > NFft / 2)
            throw new ArgumentOutOfRangeException(nameof(HopLength), hop, $"phase_vocoder.hop_length must lie in [1, n_fft / 2 = {NFft / 2}] so that frames overlap");
        if (Center is not (CenterPadding.Reflect or CenterPadding.Constant))
            throw new ArgumentOutOfRangeException(nameof(Center), Center, "phase_vocoder.center must be Reflect or Constant: the vocoder needs centred frames");
    }
}
