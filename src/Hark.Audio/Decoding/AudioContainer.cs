namespace Hark.Audio;

/// <summary>The container a file's first bytes identify; the extension is never consulted.</summary>
public enum AudioContainer
{
    Unknown,
    /// <summary>RIFF/WAVE, decoded in managed code (encodings other than PCM and IEEE float go to libsndfile).</summary>
    Wav,
    /// <summary>Big-endian RIFX, RF64 or Sony Wave64: WAV relatives that libsndfile reads.</summary>
    WavRelative,
    Aiff,
    Flac,
    Ogg,
    Mp3,
    /// <summary>Sun/NeXT .au and Apple CAF, which libsndfile also reads.</summary>
    OtherSndFile,
}
