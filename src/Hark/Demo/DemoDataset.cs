using Hark.Audio.Export;
using Hark.Tensors;

namespace Hark.Demo;

/// <summary>
/// A small synthetic sound-classification dataset made in code (no downloads) for `hark demo`: four classes of
/// one-second 16 kHz clips whose differences show in a log-mel spectrogram (steady tone, rising chirp, 12 Hz tone bursts,
/// band-limited noise), each with random pitch, level and background noise, written as WAV files with a metadata.csv.
/// </summary>
public static class DemoDataset
{
    public const int SampleRate = 16000;
    public static readonly string[] Classes = ["chirp", "noise", "pulses", "tone"];

    /// <summary>Writes <paramref name="perClass"/> train and a quarter as many test clips per class under <paramref name="folder"/>; returns the CSV path.</summary>
    public static string Write(string folder, int perClass = 60, ulong seed = 0)
    {
        var g = new Generator(seed);
        Directory.CreateDirectory(Path.Combine(folder, "audio"));
        var lines = new List<string> { "path,label,split" };
        int testPerClass = Math.Max(2, perClass / 4);
        foreach (var (split, count) in new[] { ("train", perClass), ("test", testPerClass) })
            for (int c = 0; c < Classes.Length; c++)
                for (int i = 0; i < count; i++)
                {
                    var name = $"audio/{split}_{Classes[c]}_{i:D3}.wav";
                    WavWriter.WritePcm16(Path.Combine(folder, name), Synthesize(Classes[c], g), SampleRate);
                    lines.Add($"{name},{Classes[c]},{split}");
                }
        var csv = Path.Combine(folder, "metadata.csv");
        File.WriteAllLines(csv, lines);
        return csv;
    }

    private static float[] Synthesize(string kind, Generator g)
    {
        var x = new float[SampleRate];
        double f0 = 200 + 600 * g.NextDouble(), level = 0.2 + 0.5 * g.NextDouble(), phase = 0;
        int start = g.NextInt(SampleRate / 5), length = SampleRate / 2 + g.NextInt(SampleRate / 4);
        for (int n = 0; n < x.Length; n++)
        {
            double t = (n - start) / (double)SampleRate;
            bool on = n >= start && n < start + length;
            double value = kind switch
            {
                "tone" => on ? Math.Sin(phase += 2 * Math.PI * f0 / SampleRate) : 0,
                "chirp" => on ? Math.Sin(phase += 2 * Math.PI * f0 * (1 + 3 * t) / SampleRate) : 0,
                "pulses" => on && ((int)(t * 24) % 2 == 0) ? Math.Sin(phase += 2 * Math.PI * f0 / SampleRate) : 0,
                _ => on ? g.NextGaussian() * 0.5 : 0,
            };
            x[n] = (float)(level * value + 0.02 * g.NextGaussian());
        }
        if (kind == "noise") Smooth(x, 2 + g.NextInt(6));
        return x;
    }

    // A moving average makes the noise band-limited, so its spectrum differs between clips as the tones' pitches do.
    private static void Smooth(float[] x, int width)
    {
        var copy = (float[])x.Clone();
        for (int n = 0; n < x.Length; n++)
        {
            double sum = 0;
            int from = Math.Max(0, n - width), to = Math.Min(x.Length - 1, n + width);
            for (int k = from; k <= to; k++) sum += copy[k];
            x[n] = (float)(sum / (to - from + 1) * Math.Sqrt(width));
        }
    }

}
