namespace Hark.Audio.Augmentation;

/// <summary>
/// Phase vocoder time scaling of a complex STFT, as librosa.phase_vocoder and torchaudio.functional.phase_vocoder:
/// output frame t reads the input at step = t * rate (ceil(frames / rate) output frames), interpolates the magnitudes of
/// frames floor(step) and floor(step) + 1 linearly (frames past the end count as zero), and advances each bin's phase by
/// its expected advance pi * hop * k / (bins - 1) plus the measured deviation wrapped to [-pi, pi]; the first output frame
/// takes the first input frame's phases.
/// </summary>
public static class PhaseVocoder
{
    public static ComplexSpectrogram Stretch(ComplexSpectrogram input, double rate, int hopLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(rate > 0) || !double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "PhaseVocoder.Stretch: rate must be positive and finite");
        if (hopLength < 1) throw new ArgumentOutOfRangeException(nameof(hopLength), hopLength, "PhaseVocoder.Stretch: hop_length must be >= 1");
        int frames = input.Frames, bins = input.Bins;
        int outputFrames = (int)Math.Ceiling(frames / rate);
        var output = new ComplexSpectrogram(outputFrames, bins);
        if (frames == 0) return output;

        // Magnitudes and angles once per input bin, with two silent frames appended as librosa pads.
        var magnitude = new double[(frames + 2) * bins];
        var angle = new double[(frames + 2) * bins];
        for (int i = 0; i < frames * bins; i++)
        {
            magnitude[i] = Math.Sqrt((double)input.Real[i] * input.Real[i] + (double)input.Imaginary[i] * input.Imaginary[i]);
            angle[i] = Math.Atan2(input.Imaginary[i], input.Real[i]);
        }
        var advance = new double[bins];
        for (int k = 0; k < bins; k++) advance[k] = bins == 1 ? 0 : Math.PI * hopLength * k / (bins - 1);
        var phase = new double[bins];
        Array.Copy(angle, phase, bins);

        for (int t = 0; t < outputFrames; t++)
        {
            double step = t * rate;
            int left = (int)Math.Floor(step);
            double alpha = step - left;
            int a = left * bins, b = (left + 1) * bins, o = t * bins;
            for (int k = 0; k < bins; k++)
            {
                double mag = (1 - alpha) * magnitude[a + k] + alpha * magnitude[b + k];
                output.Real[o + k] = (float)(mag * Math.Cos(phase[k]));
                output.Imaginary[o + k] = (float)(mag * Math.Sin(phase[k]));
                double deviation = angle[b + k] - angle[a + k] - advance[k];
                deviation -= 2 * Math.PI * Math.Round(deviation / (2 * Math.PI), MidpointRounding.ToEven);
                phase[k] += advance[k] + deviation;
            }
        }
        return output;
    }
}
