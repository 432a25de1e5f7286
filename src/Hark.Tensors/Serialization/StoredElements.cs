using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hark.Tensors.Serialization;

/// <summary>The element types checkpoint files store (torch storages, safetensors dtypes); all load as float32.</summary>
public enum StoredType { Float32, Float64, Float16, BFloat16, Int64, Int32, Int16, Int8, UInt8, Bool }

/// <summary>
/// Converts little-endian stored elements into float32, from bytes in memory or straight from a file (read into the
/// destination itself for float32, through a small reused buffer for the other types), so a checkpoint is never held
/// twice. Integer types load as exact floats up to 2^24 (BatchNorm's num_batches_tracked, label indices).
/// </summary>
public static class StoredElements
{
    private const int ChunkBytes = 1 << 20;

    public static int Width(StoredType type) => type switch
    {
        StoredType.Float64 or StoredType.Int64 => 8,
        StoredType.Float32 or StoredType.Int32 => 4,
        StoredType.Float16 or StoredType.BFloat16 or StoredType.Int16 => 2,
        _ => 1,
    };

    /// <summary>Decodes <paramref name="raw"/> (exactly <c>destination.Length * Width(type)</c> bytes) into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> raw, StoredType type, Span<float> destination)
    {
        if (raw.Length != (long)destination.Length * Width(type))
            throw new ArgumentException($"StoredElements.Decode: {raw.Length} bytes of {type} cannot fill {destination.Length} floats");
        switch (type)
        {
            case StoredType.Float32:
                raw.CopyTo(MemoryMarshal.AsBytes(destination));
                if (!BitConverter.IsLittleEndian) SwapFloat32(destination);
                return;
            case StoredType.Float16 when BitConverter.IsLittleEndian:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw), destination);
                return;
            case StoredType.UInt8 or StoredType.Bool:
                for (int i = 0; i < destination.Length; i++) destination[i] = raw[i];
                return;
            case StoredType.Int8:
                for (int i = 0; i < destination.Length; i++) destination[i] = (sbyte)raw[i];
                return;
        }
        int width = Width(type);
        for (int i = 0; i < destination.Length; i++)
        {
            var element = raw.Slice(width * i, width);
            destination[i] = type switch
            {
                StoredType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(element),
                StoredType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(element),
                StoredType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(element) << 16),
                StoredType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(element),
                StoredType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(element),
                _ => BinaryPrimitives.ReadInt16LittleEndian(element),
            };
        }
    }

    /// <summary>
    /// Reads <c>destination.Length</c> elements of <paramref name="type"/> from <paramref name="file"/> at
    /// <paramref name="offset"/>; throws <see cref="FormatException"/> when the file ends first.
    /// </summary>
    public static void Read(SafeFileHandle file, long offset, StoredType type, Span<float> destination) =>
        Read((bytes, at) => ReadExactly(file, offset + at, bytes), type, destination);

    /// <summary>Reads <c>destination.Length</c> elements of <paramref name="type"/> from the current position of <paramref name="stream"/>.</summary>
    public static void Read(Stream stream, StoredType type, Span<float> destination)
    {
        int declared = destination.Length;
        Read((bytes, _) =>
        {
            try { stream.ReadExactly(bytes); }
            catch (EndOfStreamException) { throw new FormatException($"truncated: the data ends before the {declared} declared elements"); }
        }, type, destination);
    }

    private delegate void FillBytes(Span<byte> destination, long offset);

    // float32 is read into the destination itself; other types go through a pooled buffer, one chunk at a time
    private static void Read(FillBytes fill, StoredType type, Span<float> destination)
    {
        if (type == StoredType.Float32)
        {
            fill(MemoryMarshal.AsBytes(destination), 0);
            if (!BitConverter.IsLittleEndian) SwapFloat32(destination);
            return;
        }
        int width = Width(type);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int perChunk = ChunkBytes / width;
            for (int start = 0; start < destination.Length; start += perChunk)
            {
                int count = Math.Min(perChunk, destination.Length - start);
                var raw = buffer.AsSpan(0, count * width);
                fill(raw, (long)start * width);
                Decode(raw, type, destination.Slice(start, count));
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void ReadExactly(SafeFileHandle file, long offset, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            int got = RandomAccess.Read(file, destination, offset);
            if (got <= 0) throw new FormatException($"truncated: the file ends at byte {offset}, {destination.Length} more bytes were declared");
            destination = destination[got..];
            offset += got;
        }
    }

    private static void SwapFloat32(Span<float> values)
    {
        var bits = MemoryMarshal.Cast<float, int>(values);
        BinaryPrimitives.ReverseEndianness(bits, bits);
    }
}
