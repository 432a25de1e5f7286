namespace Hark.Audio.Tests.Augmentation;

internal static class Tones
{
    public static float[] Sine(double frequency, int sampleRate, int length, double amplitude = 0.5)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        return x;
    }

    /// <summary>
    /// The frequency of the strongest component of a Hann-windowed segment: a 2 Hz scan of the DTFT magnitude from
    /// <paramref name="lowHz"/> to <paramref name="highHz"/> (the window's main lobe is 4 bins = 8 Hz wide for a 0.5 s
    /// segment at 16 kHz), refined by golden-section search to 0.01 Hz.
    /// </summary>
    public static double PeakFrequency(ReadOnlySpan<float> segment, int sampleRate, double lowHz = 100, double highHz = 2000)
    {
        var windowed = new double[segment.Length];
        for (int i = 0; i < segment.Length; i++)
            windowed[i] = segment[i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (segment.Length - 1)));
        double Magnitude(double f)
        {
            // Sum of x[i] e^{-i w i} with the phasor advanced by one complex multiplication per sample.
            double w = 2 * Math.PI * f / sampleRate, stepRe = Math.Cos(w), stepIm = -Math.Sin(w);
            double re = 0, im = 0, zRe = 1, zIm = 0;
            foreach (double x in windowed)
            {
                re += x * zRe;
                im += x * zIm;
                (zRe, zIm) = (zRe * stepRe - zIm * stepIm, zRe * stepIm + zIm * stepRe);
            }
            return re * re + im * im;
        }
        double best = lowHz, bestValue = -1;
        for (double f = lowHz; f <= highHz; f += 2)
        {
            double v = Magnitude(f);
            if (v > bestValue) { bestValue = v; best = f; }
        }
        double a = best - 2, b = best + 2;
        const double golden = 0.6180339887498949;
        while (b - a > 0.01)
        {
            double c = b - golden * (b - a), d = a + golden * (b - a);
            if (Magnitude(c) > Magnitude(d)) b = d; else a = c;
        }
        return (a + b) / 2;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += (double)v * v;
        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }
}
