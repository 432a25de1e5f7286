namespace Hark.Audio.Images;

/// <summary>The CRC-32 of PNG chunks and zip (polynomial 0xEDB88320, reflected), table-driven.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Update(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;

    /// <summary>Continues a running CRC register (start from 0xFFFFFFFF and xor the result with it at the end).</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
