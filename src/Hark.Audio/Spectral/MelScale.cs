namespace Hark.Audio.Spectral;

/// <summary>The Hz-to-mel mapping: HTK's 2595 log10(1 + f/700), or Slaney's (Auditory Toolbox) linear below 1 kHz and logarithmic above.</summary>
public enum MelScale { Htk, Slaney }

/// <summary>Filter normalisation: none (peak 1), or Slaney's area normalisation (each triangle scaled by 2 / its bandwidth in Hz).</summary>
public enum MelNorm { None, Slaney }

/// <summary>
/// Whose arithmetic builds the filter bank. The formulas are the same; the rounding is not, and for HTK banks without
/// normalisation the difference reaches 1.4e-5. <see cref="Librosa"/> follows librosa.filters.mel (float64, one rounding to
/// float32 before and after the norm); <see cref="Torchaudio"/> follows torchaudio.functional.melscale_fbanks (float32 throughout,
/// torch.linspace's rounding), so each preset reproduces its library to within 1e-6.
/// </summary>
public enum MelFormula { Librosa, Torchaudio }
