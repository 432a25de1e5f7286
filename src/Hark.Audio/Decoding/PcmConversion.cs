using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Audio;

/// <summary>
/// Little-endian sample words to float, with libsndfile's scaling (what soundfile returns for dtype float32):
/// unsigned 8-bit (u - 128) / 128, signed n-bit s / 2^(n-1), IEEE float as stored. The 16-bit path, the one real
/// datasets use, has a vectorised kernel beside its reference; the others are plain loops that allocate nothing.
/// </summary>
public static class PcmConversion
{
    // destination.Length samples are read from source, which must hold destination.Length * 2 bytes.
    public static void Pcm16(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 2);
        int count = destination.Length, i = 0;
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated)
        {
            ref short src = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<byte, short>(source));
            ref float dst = ref MemoryMarshal.GetReference(destination);
            var scale = Vector256.Create(1f / 32768f);
            for (; i <= count - Vector256<short>.Count; i += Vector256<short>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                (Vector256.ConvertToSingle(low) * scale).StoreUnsafe(ref dst, (nuint)i);
                (Vector256.ConvertToSingle(high) * scale).StoreUnsafe(ref dst, (nuint)(i + Vector256<int>.Count));
            }
        }
        Pcm16Reference(source[(2 * i)..], destination[i..]);
    }

    public static void Pcm16Reference(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 2);
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * (1f / 32768f);
    }

    public static void Pcm8Unsigned(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 1);
        for (int i = 0; i < destination.Length; i++) destination[i] = (source[i] - 128) * (1f / 128f);
    }

    public static void Pcm24(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 3);
        for (int i = 0, b = 0; i < destination.Length; i++, b += 3)
        {
            int value = (source[b] << 8 | source[b + 1] << 16 | source[b + 2] << 24) >> 8;
            destination[i] = value * (1f / 8388608f);
        }
    }

    public static void Pcm32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 4);
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) * (1f / 2147483648f);
    }

    public static void Float32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 4);
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
    }

    public static void Float64(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source, destination, 8);
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
    }

    private static void CheckLengths(ReadOnlySpan<byte> source, Span<float> destination, int bytesPerSample)
    {
        if (source.Length < (long)destination.Length * bytesPerSample)
            throw new ArgumentException(
                $"PcmConversion: {destination.Length} samples of {bytesPerSample} bytes need {(long)destination.Length * bytesPerSample} source bytes; got {source.Length}");
    }
}
