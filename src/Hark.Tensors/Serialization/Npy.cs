using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Hark.Tensors.Serialization;

/// <summary>The element type of an .npy array on disk.</summary>
public enum NpyDType { Float32, Float64 }

/// <summary>
/// Reads and writes numpy's .npy format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
/// the magic <c>\x93NUMPY</c>, a version, a Python-literal header dict (<c>descr</c>, <c>fortran_order</c>, <c>shape</c>)
/// padded to a multiple of 64 bytes, then the raw data. Writes little-endian float32 or float64 in C order (version 1.0);
/// reads float32/float64 of either byte order and C or Fortran order (versions 1, 2 and 3), returning C-order float32.
/// </summary>
public static partial class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="path"/> atomically (temporary file, then rename), so readers never see half a file.</summary>
    public static void Save(string path, Tensor tensor, NpyDType dtype = NpyDType.Float32) => Save(path, tensor.ToArray(), tensor.Shape, dtype);

    /// <summary>Writes C-order <paramref name="data"/> shaped <paramref name="shape"/> atomically to <paramref name="path"/>.</summary>
    public static void Save(string path, ReadOnlySpan<float> data, ReadOnlySpan<int> shape, NpyDType dtype = NpyDType.Float32)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temporary = $"{path}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                Write(stream, data, shape, dtype);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static void Write(Stream stream, ReadOnlySpan<float> data, ReadOnlySpan<int> shape, NpyDType dtype = NpyDType.Float32)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Npy.Write: negative dimension in shape {ShapeException.Format(shape)}");
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"Npy.Write: shape {ShapeException.Format(shape)} holds {count} elements but {data.Length} were given");
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.ToArray());
        var descr = dtype == NpyDType.Float32 ? "<f4" : "<f8";
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', padding) + "\n");
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(header);
        if (dtype == NpyDType.Float32 && BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data));
            return;
        }
        int size = dtype == NpyDType.Float32 ? 4 : 8;
        var buffer = new byte[size * Math.Min(data.Length, 4096)];
        for (int start = 0; start < data.Length; start += 4096)
        {
            int n = Math.Min(4096, data.Length - start);
            for (int i = 0; i < n; i++)
            {
                if (size == 4) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), data[start + i]);
                else BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), data[start + i]);
            }
            stream.Write(buffer, 0, n * size);
        }
    }

    /// <summary>Reads a float32 or float64 .npy file as a C-order float32 tensor (float64 values are rounded).</summary>
    public static Tensor Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"npy: file not found: {path}", path);
        try
        {
            var data = Read(File.ReadAllBytes(path), out var shape);
            return Tensor.FromArray(data, shape);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses .npy bytes into C-order float32 data and its shape; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static float[] Read(ReadOnlySpan<byte> bytes, out int[] shape)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new FormatException("not a .npy file: the magic string \\x93NUMPY is missing");
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]); headerStart = 10; }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12) throw new FormatException("truncated .npy header");
            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            if (declared > bytes.Length - 12)
                throw new FormatException($"truncated .npy header: {declared} bytes declared, {bytes.Length - 12} present");
            headerLength = (int)declared;
            headerStart = 12;
        }
        else throw new FormatException($"unsupported .npy version {major}.{bytes[7]} (expected 1.0, 2.0 or 3.0)");
        if (headerStart + headerLength > bytes.Length)
            throw new FormatException($"truncated .npy header: {headerLength} bytes declared, {bytes.Length - headerStart} present");
        var header = Encoding.UTF8.GetString(bytes.Slice(headerStart, headerLength));
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
            throw new FormatException($"malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): {header.Trim()}");
        var type = descr.Groups[1].Value;
        bool bigEndian = type[0] == '>';
        int size = type[1..] switch
        {
            "f4" => 4,
            "f8" => 8,
            _ => throw new FormatException($"unsupported .npy dtype '{type}': Hark reads float32 ('<f4') and float64 ('<f8')"),
        };
        if (type[0] is not ('<' or '>' or '=' or '|'))
            throw new FormatException($"unsupported .npy byte order in dtype '{type}'");
        bool fortranOrder = fortran.Groups[1].Value == "True";
        var dimensions = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        shape = new int[dimensions.Length];
        var payload = bytes[(headerStart + headerLength)..];
        long count = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            // checked against the bytes present as it grows, so no declared shape can overflow or allocate past the file
            if (!int.TryParse(dimensions[d], NumberStyles.None, CultureInfo.InvariantCulture, out shape[d]))
                throw new FormatException($"malformed .npy shape ({string.Join(", ", dimensions)}): dimension '{dimensions[d]}' is not an integer below 2^31");
            if ((count *= shape[d]) * size > payload.Length)
                throw new FormatException($"truncated .npy data: shape ({string.Join(", ", dimensions)}) of '{type}' needs more than the {payload.Length} bytes present");
        }
        var flat = new float[count];
        bool swap = bigEndian == BitConverter.IsLittleEndian;
        if (size == 4 && !swap)
        {
            MemoryMarshal.Cast<byte, float>(payload[..(int)(count * 4)]).CopyTo(flat);
            return fortranOrder && shape.Length > 1 ? FortranToC(flat, shape) : flat;
        }
        for (long i = 0; i < count; i++)
        {
            var slice = payload.Slice((int)(i * size), size);
            flat[i] = size == 4
                ? (swap ? BinaryPrimitives.ReadSingleBigEndian(slice) : BinaryPrimitives.ReadSingleLittleEndian(slice))
                : (float)(swap ? BinaryPrimitives.ReadDoubleBigEndian(slice) : BinaryPrimitives.ReadDoubleLittleEndian(slice));
        }
        return fortranOrder && shape.Length > 1 ? FortranToC(flat, shape) : flat;
    }

    private static float[] FortranToC(float[] fortran, int[] shape)
    {
        var c = new float[fortran.Length];
        var index = new int[shape.Length];
        for (long linear = 0; linear < c.Length; linear++)
        {
            long f = 0, stride = 1;
            for (int axis = 0; axis < shape.Length; axis++) { f += index[axis] * stride; stride *= shape[axis]; }
            c[linear] = fortran[f];
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
            }
        }
        return c;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>=|][a-zA-Z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([\d,\s]*)\)")]
    private static partial Regex ShapePattern();
}
