using System.Numerics;
using System.Runtime.InteropServices;

namespace Hark.Audio.Images;

/// <summary>
/// CRC-32C (Castagnoli, reflected 0x82F63B78), computed by the CPU's CRC instruction (<see cref="BitOperations.Crc32C(uint, ulong)"/>)
/// eight bytes at a time: the checksum of the feature cache's content-hash index and of TFRecord framing (TensorBoard
/// event files). <see cref="Crc32"/> beside it is PNG's and zip's polynomial.
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words) crc = BitOperations.Crc32C(crc, word);
        foreach (var b in data[(words.Length * sizeof(ulong))..]) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
