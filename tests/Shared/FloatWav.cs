using System.Text;

namespace Hark.Testing;

/// <summary>32-bit float PCM WAV files (WAVE_FORMAT_IEEE_FLOAT), so a clip reaches the front end exactly as PyTorch had it.</summary>
public static class FloatWav
{
    public static void Write(string path, float[] samples, int rate)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Encoding.ASCII.GetBytes("RIFF"));
        writer.Write(36 + samples.Length * 4);
        writer.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
        writer.Write(16);
        writer.Write((short)3);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 4);
        writer.Write((short)4);
        writer.Write((short)32);
        writer.Write(Encoding.ASCII.GetBytes("data"));
        writer.Write(samples.Length * 4);
        foreach (var s in samples) writer.Write(s);
    }
}
