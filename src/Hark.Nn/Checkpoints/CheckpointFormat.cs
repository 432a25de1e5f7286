namespace Hark.Nn.Checkpoints;

/// <summary>The checkpoint formats Hark reads, told apart by their first bytes.</summary>
internal enum CheckpointKind { Unknown, SafeTensors, TorchZip, TorchLegacy }

internal static class CheckpointFormat
{
    public const string Tried = "tried safetensors (an 8-byte header length, then a JSON header), torch.save's zip format (torch >= 1.6) and its legacy pickle format (torch < 1.6)";

    // A plausible header length: safetensors' own reader refuses headers of 100 MB or more
    private const ulong MaxSafeTensorsHeader = 100_000_000;

    /// <summary>
    /// A zip archive ("PK") is torch's zip format, a pickle (PROTO opcode 0x80 and a protocol of 2-5) its legacy
    /// format, and a plausible 8-byte header length followed by '{' safetensors (whose reader then says what is wrong,
    /// e.g. a truncation).
    /// </summary>
    public static CheckpointKind Detect(string path, out string start)
    {
        Span<byte> head = stackalloc byte[9];
        using (var stream = File.OpenRead(path))
            head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        start = head.Length == 0 ? "the file is empty" : $"the file starts with bytes {Convert.ToHexString(head)}";
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K') return CheckpointKind.TorchZip;
        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5) return CheckpointKind.TorchLegacy;
        if (head.Length == 9 && BitConverter.ToUInt64(head) < MaxSafeTensorsHeader && head[8] == (byte)'{') return CheckpointKind.SafeTensors;
        return CheckpointKind.Unknown;
    }
}
