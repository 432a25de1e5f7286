using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace Hark.Tensors.Serialization;

public static partial class Npy
{
    // The header Save writes for a 2-D little-endian float32 C-order array.
    private static ReadOnlySpan<byte> MatrixHeaderStart => "{'descr': '<f4', 'fortran_order': False, 'shape': ("u8;

    /// <summary>
    /// The values of a 2-D float32 array in the exact layout <see cref="Save(string, ReadOnlySpan{float}, ReadOnlySpan{int}, NpyDType)"/>
    /// writes, viewed in place (no copy, no header parsing beyond the two sizes): what a feature cache reading thousands of
    /// its own entries needs. False for anything else (another layout, dtype or version, or a truncated file); use
    /// <see cref="Read"/> then, which converts any float .npy and names what is wrong.
    /// </summary>
    public static bool TryViewMatrix(ReadOnlySpan<byte> bytes, out int rows, out int columns, out ReadOnlySpan<float> values)
    {
        rows = columns = 0;
        values = default;
        if (!BitConverter.IsLittleEndian || bytes.Length < 10 || bytes[6] != 1 || !bytes[..6].SequenceEqual(Magic)) return false;
        int headerEnd = 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (headerEnd > bytes.Length) return false;
        var header = bytes[10..headerEnd];
        if (!header.StartsWith(MatrixHeaderStart)) return false;
        var dims = header[MatrixHeaderStart.Length..];
        if (!Utf8Parser.TryParse(dims, out rows, out int used) || rows < 0 || !dims[used..].StartsWith(", "u8)) return false;
        dims = dims[(used + 2)..];
        if (!Utf8Parser.TryParse(dims, out columns, out used) || columns < 0 || !dims[used..].StartsWith("), }"u8)) return false;
        var payload = bytes[headerEnd..];
        if (payload.Length != (long)rows * columns * sizeof(float)) return false;
        values = MemoryMarshal.Cast<byte, float>(payload);
        return true;
    }
}
