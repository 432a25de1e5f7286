using Hark.Audio.Tests.Fixtures;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Tests;

public class NpyTests
{
    [Fact]
    public void ReadsNumpyWrittenFilesInEveryLayout()
    {
        var fortran = Npy.Load(DspFixtures.PathOf("npy/f64_fortran.npy"));
        Assert.Equal([2, 3], fortran.Shape);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (float)(i / 7.0)).ToArray(), fortran.ToArray());
        var big = Npy.Load(DspFixtures.PathOf("npy/f32_big_endian.npy"));
        Assert.Equal(fortran.ToArray(), big.ToArray());
        var cube = Npy.Load(DspFixtures.PathOf("npy/f32_3d.npy"));
        Assert.Equal([2, 3, 4], cube.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i - 3.5f).ToArray(), cube.ToArray());
    }

    [Theory]
    [InlineData(NpyDType.Float32)]
    [InlineData(NpyDType.Float64)]
    public void RoundTripsAndPadsTheHeaderTo64Bytes(NpyDType dtype)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hark-npy-{Guid.NewGuid():N}.npy");
        try
        {
            var t = Tensor.FromArray([1.5f, -2f, 3.25f, 0f, 1e-20f, 7f], 3, 2);
            Npy.Save(path, t, dtype);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(0, (10 + BitConverter.ToUInt16(bytes, 8)) % 64);
            var back = Npy.Load(path);
            Assert.Equal(t.Shape, back.Shape);
            Assert.Equal(t.ToArray(), back.ToArray());
            var vector = Npy.Read(WriteBytes([4f], [1]), out var shape);
            Assert.Equal([1], shape);
            Assert.Equal([4f], vector);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CorruptFilesAreClearErrors()
    {
        Assert.Contains("magic", Assert.Throws<FormatException>(() => Npy.Read("RIFF...."u8.ToArray(), out _)).Message);
        var good = WriteBytes([1f, 2f, 3f, 4f], [2, 2]);
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => Npy.Read(good.AsSpan(0, good.Length - 3), out _)).Message);
        var integer = (byte[])good.Clone();
        int at = good.AsSpan().IndexOf("<f4"u8);
        "<i8"u8.CopyTo(integer.AsSpan(at));
        Assert.Contains("'<i8'", Assert.Throws<FormatException>(() => Npy.Read(integer, out _)).Message);
    }

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    [Theory]
    [InlineData("(3000000000,)", "not an integer below 2^31")]
    [InlineData("(99999999999999999999,)", "not an integer below 2^31")]
    [InlineData("(65536, 65536, 65536, 65536)", "truncated")]
    [InlineData("(2147483647, 2147483647, 2147483647)", "truncated")]
    public void ShapesBeyondTheDataOr2Pow31AreFormatErrorsNotOverflows(string declared, string expected)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {declared}, }}".PadRight(118) + "\n";
        var bytes = new byte[10 + header.Length + 16];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), (ushort)header.Length);
        System.Text.Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Npy.Read(bytes, out _)).Message);
    }

    [Fact]
    public void AVersion2HeaderLengthPastTheFileIsAFormatError()
    {
        var bytes = new byte[16];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 2;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), uint.MaxValue);
        Assert.Contains("truncated .npy header", Assert.Throws<FormatException>(() => Npy.Read(bytes, out _)).Message);
    }

    private static byte[] WriteBytes(float[] data, int[] shape)
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, data, shape);
        return stream.ToArray();
    }
}
