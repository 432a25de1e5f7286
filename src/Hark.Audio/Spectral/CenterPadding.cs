namespace Hark.Audio.Spectral;

/// <summary>
/// How the STFT frames a signal. <see cref="None"/> is torch's <c>center=False</c>: frame t starts at t * hop.
/// <see cref="Reflect"/> and <see cref="Constant"/> are <c>center=True</c> with that <c>pad_mode</c>: n_fft/2 samples are
/// added on each side (mirrored without repeating the edge, or zeros), so frame t is centred on sample t * hop.
/// torch's default is Reflect; librosa 0.10's default is Constant.
/// </summary>
public enum CenterPadding { None, Reflect, Constant }

/// <summary>What each STFT bin holds: |X| (<c>power=1</c>) or |X|^2 (<c>power=2</c>).</summary>
public enum SpectrumKind { Magnitude, Power }
