namespace Hark.Features.Augmentation;

/// <summary>The units of a log spectrogram, which decide what a gain of g dB adds to it.</summary>
public enum LogScale
{
    /// <summary>10 log10(power), as torchaudio AmplitudeToDB(stype="power") and librosa.power_to_db: adds g.</summary>
    PowerDecibels,

    /// <summary>ln(power): adds g ln(10) / 10.</summary>
    NaturalLogPower,
}
