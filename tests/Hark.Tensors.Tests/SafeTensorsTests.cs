using Hark.Tensors.Serialization;

namespace Hark.Tensors.Tests;

public class SafeTensorsTests
{
    [Fact]
    public void RoundTripIsBitExactAndKeepsOrderShapeAndMetadata()
    {
        var g = new Generator(3);
        var weights = Enumerable.Range(0, 2 * 3 * 5).Select(_ => (float)g.NextGaussian()).ToArray();
        weights[0] = float.NaN; weights[1] = -0f; weights[2] = float.Epsilon; weights[3] = float.NegativeInfinity;
        var tensors = new Dictionary<string, Tensor>
        {
            ["conv.weight"] = Tensor.FromArray(weights, 2, 3, 5),
            ["bn.num_batches_tracked"] = Tensor.FromArray([7f], []),
            ["empty"] = Tensor.Zeros(0, 4),
        };
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var back = SafeTensors.Read(stream.ToArray(), out var metadata);

        Assert.Equal(tensors.Keys, back.Keys);
        Assert.Equal("pt", metadata["format"]);
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.Shape, back[name].Shape);
            Assert.Equal(t.ToArray().Select(BitConverter.SingleToInt32Bits), back[name].ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void HeaderLengthPastTheEndIsAFormatError()
    {
        var bytes = new byte[16];
        bytes[0] = 200;
        var error = Assert.Throws<FormatException>(() => SafeTensors.Read(bytes, out _));
        Assert.Contains("header length", error.Message);
    }

    [Fact]
    public void ByteRangeThatDisagreesWithTheShapeNamesTheTensor()
    {
        var header = """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"""u8.ToArray();
        var bytes = new byte[8 + header.Length + 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        var error = Assert.Throws<FormatException>(() => SafeTensors.Read(bytes, out _));
        Assert.Contains("'w'", error.Message);
    }

    [Theory]
    [InlineData("[]", "JSON Array, expected an object")]
    [InlineData("{\"w\":[]}", "tensor 'w' is a JSON Array")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "field 'data_offsets' [0, 8)")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"__metadata__\":{\"k\":null}}", "field '__metadata__.k'")]
    public void MalformedHeadersGiveAFormatErrorNamingTheField(string header, string expected)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 4];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)json.Length);
        json.CopyTo(bytes, 8);
        var error = Assert.Throws<FormatException>(() => SafeTensors.Read(bytes, out _));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void LoadReadsEveryDtypeFromTheFileAsReadDoesFromBytes()
    {
        var header = """{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"I64","shape":[1],"data_offsets":[4,12]},"c":{"dtype":"BF16","shape":[1],"data_offsets":[12,14]},"d":{"dtype":"I8","shape":[2],"data_offsets":[14,16]},"e":{"dtype":"F64","shape":[],"data_offsets":[16,24]}}"""u8.ToArray();
        var data = new byte[24];
        BitConverter.TryWriteBytes(data.AsSpan(0), (Half)1.5f);
        BitConverter.TryWriteBytes(data.AsSpan(2), (Half)(-2f));
        BitConverter.TryWriteBytes(data.AsSpan(4), 123456789L);
        BitConverter.TryWriteBytes(data.AsSpan(12), (ushort)(BitConverter.SingleToInt32Bits(3.5f) >> 16));
        data[14] = 0xFF;
        data[15] = 7;
        BitConverter.TryWriteBytes(data.AsSpan(16), 0.25);
        var bytes = new byte[8 + header.Length + data.Length];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        var path = Path.Combine(Path.GetTempPath(), $"hark-dtypes-{Environment.ProcessId}.safetensors");
        File.WriteAllBytes(path, bytes);
        try
        {
            var fromFile = SafeTensors.Load(path);
            var fromBytes = SafeTensors.Read(bytes, out _);
            Assert.Equal([1.5f, -2f], fromFile["a"].ToArray());
            Assert.Equal([123456789f], fromFile["b"].ToArray());
            Assert.Equal([3.5f], fromFile["c"].ToArray());
            Assert.Equal([-1f, 7f], fromFile["d"].ToArray());
            Assert.Equal(0, fromFile["e"].Rank);
            Assert.Equal([0.25f], fromFile["e"].ToArray());
            foreach (var (name, tensor) in fromBytes) Assert.Equal(tensor.ToArray(), fromFile[name].ToArray());
        }
        finally { File.Delete(path); }
    }
}
