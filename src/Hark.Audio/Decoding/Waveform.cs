namespace Hark.Audio;

/// <summary>
/// Decoded audio: float samples in [-1, 1) scaled like soundfile's float32 reads (PCM16 / 32768, PCM24 / 2^23, ...),
/// stored as interleaved frames (frame 0 channel 0, frame 0 channel 1, ..., frame 1 channel 0, ...).
/// </summary>
public sealed class Waveform
{
    /// <summary>Interleaved samples, <see cref="Frames"/> x <see cref="Channels"/> values. Treat as read-only when shared.</summary>
    public float[] Samples { get; }
    public int SampleRate { get; }
    public int Channels { get; }

    public Waveform(float[] samples, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Waveform: sample rate must be positive");
        if (channels <= 0)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Waveform: channel count must be positive");
        if (samples.Length % channels != 0)
            throw new ArgumentException(
                $"Waveform: {samples.Length} samples is not a whole number of frames of {channels} channels", nameof(samples));
        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    public int Frames => Samples.Length / Channels;

    /// <summary>Length in seconds.</summary>
    public double Duration => (double)Frames / SampleRate;

    /// <summary>The average of the channels per frame; this waveform itself when it is already mono.</summary>
    public Waveform ToMono()
    {
        if (Channels == 1) return this;
        var mono = new float[Frames];
        Downmix(Samples, Channels, mono);
        return new Waveform(mono, SampleRate, 1);
    }

    /// <summary>
    /// Averages each frame of <paramref name="interleaved"/> (<paramref name="channels"/> values per frame) into
    /// <paramref name="mono"/>. <paramref name="mono"/> may be the start of <paramref name="interleaved"/> itself: frame f is
    /// written only after every value at or before it was read.
    /// </summary>
    public static void Downmix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        if (channels <= 0 || interleaved.Length != mono.Length * channels)
            throw new ArgumentException($"Waveform.Downmix: {interleaved.Length} samples of {channels} channels do not make {mono.Length} frames");
        float scale = 1f / channels;
        for (int frame = 0, i = 0; frame < mono.Length; frame++)
        {
            float sum = 0f;
            for (int c = 0; c < channels; c++) sum += interleaved[i++];
            mono[frame] = sum * scale;
        }
    }

    public override string ToString() => $"Waveform({Frames} frames x {Channels} ch @ {SampleRate} Hz, {Duration:0.###} s)";
}
