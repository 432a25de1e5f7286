using Hark.Tensors.Serialization;

namespace Hark.Tensors.Tests;

public class SafeTensorsTests
{
    [Fact]
    public void Round_trip_is_bit_exact_and_keeps_order_shape_and_metadata()
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
    public void Header_length_past_the_end_is_a_format_error()
    {
        var bytes = new byte[16];
        bytes[0] = 200;
        var error = Assert.Throws<FormatException>(() => SafeTensors.Read(bytes, out _));
        Assert.Contains("header length", error.Message);
    }

    [Fact]
    public void Byte_range_that_disagrees_with_the_shape_names_the_tensor()
    {
        var header = """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"""u8.ToArray();
        var bytes = new byte[8 + header.Length + 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        var error = Assert.Throws<FormatException>(() => SafeTensors.Read(bytes, out _));
        Assert.Contains("'w'", error.Message);
    }
}
