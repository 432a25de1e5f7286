using System.Buffers.Binary;
using Hark.Tensors;

namespace Hark.Audio.Tests.Fuzzing;

/// <summary>Seeded damage to a file: truncation, bit flips, overwritten header fields, inserted or deleted runs.</summary>
public static class ByteMutator
{
    public static byte[] Mutate(byte[] original, Generator generator)
    {
        var bytes = (byte[])original.Clone();
        int kind = generator.NextInt(7);
        switch (kind)
        {
            case 0: // truncated anywhere, often inside the header
                return bytes[..generator.NextInt(generator.NextInt(2) == 0 ? Math.Min(bytes.Length, 80) : bytes.Length)];
            case 1: // a few random bytes anywhere
                for (int n = 1 + generator.NextInt(8); n > 0 && bytes.Length > 0; n--) bytes[generator.NextInt(bytes.Length)] = (byte)generator.NextInt(256);
                return bytes;
            case 2: // a header byte (the first 64) changed
                if (bytes.Length > 0) bytes[generator.NextInt(Math.Min(64, bytes.Length))] ^= (byte)(1 << generator.NextInt(8));
                return bytes;
            case 3: // a 32-bit field set to an extreme value, in either byte order
                if (bytes.Length >= 8)
                {
                    uint[] extremes = [0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000];
                    uint value = extremes[generator.NextInt(extremes.Length)];
                    var at = bytes.AsSpan(generator.NextInt(Math.Min(bytes.Length, 96) - 3), 4);
                    if (generator.NextInt(2) == 0) BinaryPrimitives.WriteUInt32LittleEndian(at, value);
                    else BinaryPrimitives.WriteUInt32BigEndian(at, value);
                }
                return bytes;
            case 4: // a run deleted
            {
                if (bytes.Length < 2) return bytes;
                int start = generator.NextInt(bytes.Length), length = 1 + generator.NextInt(Math.Min(64, bytes.Length - start));
                return [.. bytes[..start], .. bytes[(start + length)..]];
            }
            case 5: // random bytes inserted
            {
                int start = generator.NextInt(bytes.Length + 1);
                var junk = new byte[1 + generator.NextInt(32)];
                for (int i = 0; i < junk.Length; i++) junk[i] = (byte)generator.NextInt(256);
                return [.. bytes[..start], .. junk, .. bytes[start..]];
            }
            default: // the tail replaced by random bytes
            {
                int start = generator.NextInt(bytes.Length + 1);
                for (int i = start; i < bytes.Length; i++) bytes[i] = (byte)generator.NextInt(256);
                return bytes;
            }
        }
    }
}
