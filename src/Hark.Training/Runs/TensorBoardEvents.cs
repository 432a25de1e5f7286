using System.Buffers.Binary;
using System.Text;
using Hark.Audio.Images;
using Hark.Evaluation.Reports;

namespace Hark.Training.Runs;

/// <summary>
/// A run's history as a TensorBoard event file (scalars per epoch: loss/train, loss/validation, validation/&lt;metric&gt;,
/// lr, samples_per_second), so `tensorboard --logdir runs` shows Hark runs beside PyTorch's SummaryWriter logs. The file
/// is TFRecord framing (length, masked CRC-32C of the length, an Event protobuf, masked CRC-32C of it) around the
/// Event and Summary messages of tensorflow/core/util/event.proto and summary.proto, written by hand: the first event
/// carries file_version "brain.Event:2", then one event per scalar with the epoch as its step. It is rewritten whole from
/// the history after every epoch, so a resumed run's file holds every epoch once.
/// </summary>
public static class TensorBoardEvents
{
    /// <summary>The file name inside the run directory ("tfevents" is what TensorBoard looks for).</summary>
    public const string FileName = "events.out.tfevents.hark";

    /// <summary>The event file's bytes for <paramref name="history"/>; wall times count back from <paramref name="now"/> by the epochs' seconds.</summary>
    public static byte[] Serialize(IReadOnlyList<EpochRecord> history, DateTimeOffset now)
    {
        var output = new MemoryStream();
        double end = now.ToUnixTimeMilliseconds() / 1000.0, wallTime = end - history.Sum(h => h.Seconds);
        WriteRecord(output, Event(wallTime, 0, fileVersion: "brain.Event:2", summary: null));
        foreach (var h in history)
        {
            wallTime += h.Seconds;
            var scalars = new List<(string Tag, double Value)> { ("loss/train", h.TrainLoss), ("loss/validation", h.ValidationLoss) };
            scalars.AddRange(h.ValidationMetrics.Select(kv => ($"validation/{kv.Key}", kv.Value)));
            scalars.Add(("lr", h.LearningRate));
            scalars.Add(("samples_per_second", h.SamplesPerSecond));
            foreach (var (tag, value) in scalars.Where(s => double.IsFinite(s.Value)))
                WriteRecord(output, Event(wallTime, h.Epoch, fileVersion: null, summary: ScalarSummary(tag, (float)value)));
        }
        return output.ToArray();
    }

    /// <summary>TFRecord's masked CRC: the CRC-32C rotated right by 15 bits plus a constant, so CRCs of CRCs stay well spread.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C.Compute(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
    }

    private static void WriteRecord(Stream output, byte[] data)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)data.Length);
        Span<byte> crc = stackalloc byte[4];
        output.Write(length);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(length));
        output.Write(crc);
        output.Write(data);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(data));
        output.Write(crc);
    }

    // Event: wall_time = 1 (double), step = 2 (int64), file_version = 3 (string), summary = 5 (Summary).
    private static byte[] Event(double wallTime, long step, string? fileVersion, byte[]? summary)
    {
        var message = new MemoryStream();
        message.WriteByte(0x09);
        Span<byte> bits = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bits, wallTime);
        message.Write(bits);
        if (step != 0) { message.WriteByte(0x10); WriteVarint(message, (ulong)step); }
        if (fileVersion is not null) WriteBytes(message, 0x1A, Encoding.UTF8.GetBytes(fileVersion));
        if (summary is not null) WriteBytes(message, 0x2A, summary);
        return message.ToArray();
    }

    // Summary: value = 1 (repeated Summary.Value); Summary.Value: tag = 1 (string), simple_value = 2 (float).
    private static byte[] ScalarSummary(string tag, float value)
    {
        var inner = new MemoryStream();
        WriteBytes(inner, 0x0A, Encoding.UTF8.GetBytes(tag));
        inner.WriteByte(0x15);
        Span<byte> bits = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bits, value);
        inner.Write(bits);
        var summary = new MemoryStream();
        WriteBytes(summary, 0x0A, inner.ToArray());
        return summary.ToArray();
    }

    private static void WriteBytes(Stream output, byte key, byte[] bytes)
    {
        output.WriteByte(key);
        WriteVarint(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        for (; value >= 0x80; value >>= 7) output.WriteByte((byte)(value | 0x80));
        output.WriteByte((byte)value);
    }
}
