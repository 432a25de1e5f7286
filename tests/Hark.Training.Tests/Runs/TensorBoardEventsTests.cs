using System.Buffers.Binary;
using System.Text;
using Hark.Audio.Images;
using Hark.Evaluation.Reports;
using Hark.Training.Runs;

namespace Hark.Training.Tests.Runs;

/// <summary><see cref="TensorBoardEvents"/>: TFRecord framing with valid CRCs around Event protobufs holding each epoch's scalars.</summary>
public class TensorBoardEventsTests
{
    [Fact]
    public void Crc32CMatchesTheCastagnoliCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8)); // the catalogued check value of CRC-32C
        Assert.Equal(0xA282EAD8u, TensorBoardEvents.MaskedCrc([])); // CRC 0 masked: just TFRecord's constant
    }

    [Fact]
    public void EveryEpochsScalarsAreEventsAtThatStepAfterTheFileVersion()
    {
        EpochRecord[] history =
        [
            new(1, 2.5, 2.25, new Dictionary<string, double> { ["accuracy"] = 0.5 }, 1e-3, 2, 100),
            new(2, 1.5, double.NaN, new Dictionary<string, double> { ["accuracy"] = 0.75 }, 5e-4, 2, 120),
        ];
        var events = ReadRecords(TensorBoardEvents.Serialize(history, DateTimeOffset.FromUnixTimeSeconds(1_000_000))).Select(ParseEvent).ToList();

        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(1_000_000 - 4, events[0].WallTime, 6);
        var scalars = events.Skip(1).Select(e => (e.Step, e.Tag, e.Value)).ToList();
        Assert.Equal(
        [
            (1L, "loss/train", 2.5f), (1L, "loss/validation", 2.25f), (1L, "validation/accuracy", 0.5f), (1L, "lr", 1e-3f), (1L, "samples_per_second", 100f),
            (2L, "loss/train", 1.5f), (2L, "validation/accuracy", 0.75f), (2L, "lr", 5e-4f), (2L, "samples_per_second", 120f),
        ], scalars);
        Assert.Equal(1_000_000, events[^1].WallTime, 6);
    }

    // TFRecord: u64 length, masked CRC of it, data, masked CRC of the data; every CRC is checked.
    private static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        for (int at = 0; at < file.Length;)
        {
            var length = file.AsSpan(at, 8);
            Assert.Equal(TensorBoardEvents.MaskedCrc(length), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)));
            int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(length);
            var data = file.AsSpan(at + 12, size).ToArray();
            Assert.Equal(TensorBoardEvents.MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + size)));
            records.Add(data);
            at += 16 + size;
        }
        return records;
    }

    private sealed record Parsed(double WallTime, long Step, string? FileVersion, string? Tag, float Value);

    // The protobuf fields of event.proto's Event and summary.proto's Summary.Value that the writer uses.
    private static Parsed ParseEvent(byte[] data)
    {
        var parsed = new Parsed(0, 0, null, null, float.NaN);
        foreach (var (field, wire, bytes) in Fields(data))
            parsed = (field, wire) switch
            {
                (1, 1) => parsed with { WallTime = BinaryPrimitives.ReadDoubleLittleEndian(bytes) },
                (2, 0) => parsed with { Step = (long)ReadVarint(bytes, out _) },
                (3, 2) => parsed with { FileVersion = Encoding.UTF8.GetString(bytes) },
                (5, 2) => Fields(Fields(bytes).Single().Bytes).Aggregate(parsed, (p, f) => f.Field == 1
                    ? p with { Tag = Encoding.UTF8.GetString(f.Bytes) }
                    : p with { Value = BinaryPrimitives.ReadSingleLittleEndian(f.Bytes) }),
                _ => throw new Xunit.Sdk.XunitException($"unexpected field {field} (wire type {wire})"),
            };
        return parsed;
    }

    private static List<(int Field, int Wire, byte[] Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, int, byte[])>();
        for (int at = 0; at < message.Length;)
        {
            ulong key = ReadVarint(message.AsSpan(at), out int used);
            at += used;
            int wire = (int)(key & 7), field = (int)(key >> 3);
            int size = wire switch
            {
                0 => Varint(message.AsSpan(at)),
                1 => 8,
                5 => 4,
                2 => (int)ReadVarint(message.AsSpan(at), out used),
                _ => throw new Xunit.Sdk.XunitException($"wire type {wire}"),
            };
            if (wire == 2) at += used;
            fields.Add((field, wire, message.AsSpan(at, size).ToArray()));
            at += size;
        }
        return fields;
    }

    private static int Varint(ReadOnlySpan<byte> bytes)
    {
        ReadVarint(bytes, out int used);
        return used;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, out int used)
    {
        ulong value = 0;
        for (used = 0; ; used++)
        {
            value |= (ulong)(bytes[used] & 0x7F) << (7 * used);
            if ((bytes[used] & 0x80) == 0) { used++; return value; }
        }
    }
}
