using System.Buffers.Binary;
using System.IO.Compression;

namespace Hark.Audio.Images;

/// <summary>
/// PNG decoding in managed code (https://www.w3.org/TR/png/): every colour type and bit depth (1/2/4/8/16), palettes
/// with tRNS, Adam7 interlacing, all five row filters. Every chunk's CRC is checked; corrupt, truncated or
/// inconsistent files raise an <see cref="ImageDecodeException"/> naming the file and what is wrong.
/// </summary>
public static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // zlib cannot expand data by more than about 1032:1, so an IHDR claiming far more pixels than the IDAT chunks
    // could hold is corrupt; checking before allocating keeps a damaged header from exhausting memory.
    private const long MaxInflateRatio = 1100;

    public static bool HasSignature(ReadOnlySpan<byte> file) => file.StartsWith(Signature);

    public static PngImage Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Decode(File.ReadAllBytes(path), path);
    }

    public static PngImage Decode(ReadOnlySpan<byte> file, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!HasSignature(file))
            throw new ImageDecodeException(name, file.IsEmpty ? "empty file (0 bytes)" : "not a PNG file (the 8-byte PNG signature is missing)");
        Header? header = null;
        byte[]? palette = null, paletteAlpha = null;
        ushort[]? colorKey = null;
        using var compressed = new MemoryStream();
        bool ended = false;
        int position = Signature.Length;
        while (!ended)
        {
            if (position > file.Length - 12)
                throw new ImageDecodeException(name, $"truncated PNG: the file ends at byte {file.Length} inside the chunk at byte {position}, before IEND");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[position..]);
            var type = file.Slice(position + 4, 4);
            string typeName = ChunkName(type);
            if (length > int.MaxValue || position + 12 + (long)length > file.Length)
                throw new ImageDecodeException(name, $"truncated PNG: chunk {typeName} at byte {position} declares {length} bytes but the file ends first");
            var data = file.Slice(position + 8, (int)length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 8 + (int)length)..]);
            uint actualCrc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
            if (storedCrc != actualCrc)
                throw new ImageDecodeException(name, $"CRC mismatch in chunk {typeName} at byte {position} (stored 0x{storedCrc:X8}, computed 0x{actualCrc:X8}): the file is corrupt");
            if (header is null && !type.SequenceEqual("IHDR"u8))
                throw new ImageDecodeException(name, $"the first chunk is {typeName}; a PNG starts with IHDR");

            if (type.SequenceEqual("IHDR"u8))
            {
                if (header is not null) throw new ImageDecodeException(name, "more than one IHDR chunk");
                header = ReadHeader(data, name);
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                if (length % 3 != 0 || length == 0 || length > 768)
                    throw new ImageDecodeException(name, $"PLTE chunk of {length} bytes; it must hold 1-256 RGB entries (a multiple of 3 bytes)");
                palette = data.ToArray();
            }
            else if (type.SequenceEqual("tRNS"u8))
                (paletteAlpha, colorKey) = ReadTransparency(data, header!, name);
            else if (type.SequenceEqual("IDAT"u8))
                compressed.Write(data);
            else if (type.SequenceEqual("IEND"u8))
                ended = true;
            else if ((type[0] & 0x20) == 0)
                throw new ImageDecodeException(name, $"unknown critical chunk {typeName} at byte {position}");
            position += 12 + (int)length;
        }

        var h = header!;
        if (compressed.Length == 0) throw new ImageDecodeException(name, "no IDAT chunk: the image has no pixel data");
        if (h.ColorType == PngColorType.Palette && palette is null)
            throw new ImageDecodeException(name, "palette image (colour type 3) without a PLTE chunk");
        long rawLength = Adam7.RawLength(h);
        if (rawLength > compressed.Length * MaxInflateRatio + 1024)
            throw new ImageDecodeException(name,
                $"IHDR declares {h.Width}x{h.Height} pixels ({rawLength} filtered bytes) but the IDAT chunks hold only {compressed.Length} compressed bytes");
        var raw = Inflate(compressed, rawLength, name);
        var samples = Unfilter.Image(raw, h, name);
        return Expand(h, samples, palette, paletteAlpha, colorKey, name);
    }

    internal sealed record Header(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
    {
        public int SamplesPerPixel => ColorType switch
        {
            PngColorType.Gray or PngColorType.Palette => 1,
            PngColorType.GrayAlpha => 2,
            PngColorType.Rgb => 3,
            _ => 4,
        };

        public int BitsPerPixel => SamplesPerPixel * BitDepth;

        /// <summary>The distance, in bytes, to the corresponding byte of the previous pixel, as the filters use it.</summary>
        public int FilterStride => Math.Max(1, BitsPerPixel / 8);

        public long RowBytes(int width) => (width * (long)BitsPerPixel + 7) / 8;
    }

    private static Header ReadHeader(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length != 13) throw new ImageDecodeException(name, $"IHDR chunk of {data.Length} bytes; it must be 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data), height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int depth = data[8], color = data[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw new ImageDecodeException(name, $"IHDR declares a {width}x{height} image");
        bool valid = color switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid) throw new ImageDecodeException(name, $"IHDR: colour type {color} with bit depth {depth} is not a valid PNG combination");
        if (data[10] != 0) throw new ImageDecodeException(name, $"IHDR: unknown compression method {data[10]}");
        if (data[11] != 0) throw new ImageDecodeException(name, $"IHDR: unknown filter method {data[11]}");
        if (data[12] > 1) throw new ImageDecodeException(name, $"IHDR: unknown interlace method {data[12]}");
        var header = new Header((int)width, (int)height, depth, (PngColorType)color, data[12] == 1);
        long samples = (long)header.Width * header.Height * (header.ColorType == PngColorType.Palette ? 4 : header.SamplesPerPixel);
        if (samples > Array.MaxLength) throw new ImageDecodeException(name, $"IHDR declares a {width}x{height} image, too large for one array");
        return header;
    }

    private static (byte[]? PaletteAlpha, ushort[]? ColorKey) ReadTransparency(ReadOnlySpan<byte> data, Header header, string name)
    {
        switch (header.ColorType)
        {
            case PngColorType.Palette:
                if (data.Length > 256) throw new ImageDecodeException(name, $"tRNS chunk of {data.Length} bytes for a palette (at most 256)");
                return (data.ToArray(), null);
            case PngColorType.Gray when data.Length == 2:
                return (null, [BinaryPrimitives.ReadUInt16BigEndian(data)]);
            case PngColorType.Rgb when data.Length == 6:
                return (null, [BinaryPrimitives.ReadUInt16BigEndian(data), BinaryPrimitives.ReadUInt16BigEndian(data[2..]), BinaryPrimitives.ReadUInt16BigEndian(data[4..])]);
            default:
                throw new ImageDecodeException(name, $"tRNS chunk of {data.Length} bytes is not valid for colour type {header.ColorType}");
        }
    }

    private static byte[] Inflate(MemoryStream compressed, long rawLength, string name)
    {
        var raw = new byte[rawLength];
        compressed.Position = 0;
        int filled = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            for (int got; filled < raw.Length && (got = zlib.Read(raw, filled, raw.Length - filled)) > 0;) filled += got;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImageDecodeException(name, $"corrupt zlib data in IDAT: {e.Message}", e);
        }
        if (filled < raw.Length)
            throw new ImageDecodeException(name, $"IDAT data ends early: {filled} of {raw.Length} filtered bytes (truncated or corrupt)");
        return raw;
    }

    private static PngImage Expand(Header h, ushort[] samples, byte[]? palette, byte[]? paletteAlpha, ushort[]? colorKey, string name)
    {
        if (h.ColorType != PngColorType.Palette)
            return new PngImage(h.Width, h.Height, h.SamplesPerPixel, h.BitDepth, h.ColorType, h.Interlaced, samples, colorKey);
        int channels = paletteAlpha is null ? 3 : 4, entries = palette!.Length / 3;
        var rgb = new ushort[samples.Length * channels];
        for (int p = 0; p < samples.Length; p++)
        {
            int index = samples[p];
            if (index >= entries)
                throw new ImageDecodeException(name, $"pixel {p % h.Width},{p / h.Width} uses palette index {index} but PLTE has {entries} entries");
            rgb[channels * p] = palette[3 * index];
            rgb[channels * p + 1] = palette[3 * index + 1];
            rgb[channels * p + 2] = palette[3 * index + 2];
            if (channels == 4) rgb[channels * p + 3] = index < paletteAlpha!.Length ? paletteAlpha[index] : (byte)255;
        }
        return new PngImage(h.Width, h.Height, channels, 8, h.ColorType, h.Interlaced, rgb, null);
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (b is < 0x20 or > 0x7E) return "0x" + Convert.ToHexString(type);
        return "'" + System.Text.Encoding.ASCII.GetString(type) + "'";
    }
}
