using System.Buffers.Binary;

namespace Hark.Audio.Images;

/// <summary>Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth) and unpacks the samples of every pass.</summary>
internal static class Unfilter
{
    /// <summary>Samples (palette indices for palette images), Height x Width x samples-per-pixel, from inflated IDAT data.</summary>
    public static ushort[] Image(byte[] raw, PngDecoder.Header header, string name)
    {
        int channels = header.SamplesPerPixel;
        var samples = new ushort[(long)header.Width * header.Height * channels];
        int offset = 0;
        foreach (var pass in Adam7.Passes(header))
        {
            int rowBytes = (int)header.RowBytes(pass.Width);
            var previous = new byte[rowBytes];
            var rowSamples = new ushort[pass.Width * channels];
            for (int y = 0; y < pass.Height; y++)
            {
                byte filter = raw[offset];
                var row = raw.AsSpan(offset + 1, rowBytes);
                if (filter > 4)
                    throw new ImageDecodeException(name, $"row {y} of {(header.Interlaced ? "an Adam7 pass" : "the image")} uses filter type {filter}; PNG defines 0-4");
                Row(filter, row, previous, header.FilterStride);
                int imageRow = pass.YStart + y * pass.YStep;
                if (!header.Interlaced)
                {
                    Unpack(row, header.BitDepth, samples.AsSpan(imageRow * rowSamples.Length, rowSamples.Length));
                }
                else
                {
                    Unpack(row, header.BitDepth, rowSamples);
                    for (int x = 0; x < pass.Width; x++)
                    {
                        long target = ((long)imageRow * header.Width + pass.XStart + x * pass.XStep) * channels;
                        for (int c = 0; c < channels; c++) samples[target + c] = rowSamples[x * channels + c];
                    }
                }
                row.CopyTo(previous);
                offset += 1 + rowBytes;
            }
        }
        return samples;
    }

    /// <summary>Reconstructs one row in place; <paramref name="previous"/> is the reconstructed row above (zeros for the first).</summary>
    public static void Row(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        switch (filter)
        {
            case 1:
                for (int i = stride; i < row.Length; i++) row[i] += row[i - stride];
                break;
            case 2:
                for (int i = 0; i < row.Length; i++) row[i] += previous[i];
                break;
            case 3:
                for (int i = 0; i < row.Length; i++)
                    row[i] += (byte)(((i >= stride ? row[i - stride] : 0) + previous[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < row.Length; i++)
                    row[i] += Paeth(i >= stride ? row[i - stride] : (byte)0, previous[i], i >= stride ? previous[i - stride] : (byte)0);
                break;
        }
    }

    private static byte Paeth(byte left, byte above, byte upperLeft)
    {
        int p = left + above - upperLeft;
        int pa = Math.Abs(p - left), pb = Math.Abs(p - above), pc = Math.Abs(p - upperLeft);
        return pa <= pb && pa <= pc ? left : pb <= pc ? above : upperLeft;
    }

    private static void Unpack(ReadOnlySpan<byte> row, int bitDepth, Span<ushort> samples)
    {
        switch (bitDepth)
        {
            case 16:
                for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                break;
            case 8:
                for (int i = 0; i < samples.Length; i++) samples[i] = row[i];
                break;
            default:
                int perByte = 8 / bitDepth, mask = (1 << bitDepth) - 1;
                for (int i = 0; i < samples.Length; i++)
                {
                    int shift = 8 - bitDepth * (i % perByte + 1);
                    samples[i] = (ushort)((row[i / perByte] >> shift) & mask);
                }
                break;
        }
    }
}
