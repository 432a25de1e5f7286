using Hark.Audio.Cropping;
using Hark.Tensors;

namespace Hark.Audio.Tests.Cropping;

public class LengthTests
{
    private static readonly float[] Clip = [1, 2, 3, 4, 5];

    [Fact]
    public void PadOrTrimPadsWithZerosOrLoopsAndTrimsTheEnd()
    {
        var d = new float[8];
        Length.PadOrTrim(Clip, d);
        Assert.Equal([1, 2, 3, 4, 5, 0, 0, 0], d);
        Length.PadOrTrim(Clip, d, ShortClipPadding.Loop);
        Assert.Equal([1, 2, 3, 4, 5, 1, 2, 3], d);
        var shorter = new float[3];
        Length.PadOrTrim(Clip, shorter);
        Assert.Equal([1, 2, 3], shorter);
        var looped = new float[12];
        Length.PadOrTrim([7, 8], looped, ShortClipPadding.Loop);
        Assert.Equal([7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8], looped);
    }

    [Fact]
    public void CentreCropKeepsTheMiddle()
    {
        var d = new float[3];
        Length.CentreCrop(Clip, d);
        Assert.Equal([2, 3, 4], d);
    }

    [Fact]
    public void RandomCropIsSeededAndCoversEveryOffset()
    {
        var a = new Generator(42);
        var b = new Generator(42);
        var seen = new HashSet<int>();
        var d = new float[2];
        for (int i = 0; i < 200; i++)
        {
            int offset = Length.RandomCrop(Clip, d, a);
            Assert.Equal(offset, Length.RandomCrop(Clip, new float[2], b));
            Assert.Equal(Clip[offset], d[0]);
            seen.Add(offset);
        }
        Assert.Equal([0, 1, 2, 3], seen.Order());
    }

    [Fact]
    public void EvenlySpacedCropsSpanTheClip()
    {
        Assert.Equal([0, 25, 50, 75, 100], Length.EvenlySpacedOffsets(200, 100, 5));
        Assert.Equal([50], Length.EvenlySpacedOffsets(200, 100, 1));
        Assert.Equal([0, 0, 0], Length.EvenlySpacedOffsets(50, 100, 3));
    }

    [Theory]
    [InlineData(50, 100, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(350, 100, 4)]
    [InlineData(10_000, 100, 32)]
    public void CoveringCropsLeaveNoSampleOutUpToTheLimit(int signal, int crop, int expected)
    {
        int count = Length.CoveringCount(signal, crop, max: 32);
        Assert.Equal(expected, count);
        if (count == 32) return;
        var offsets = Length.EvenlySpacedOffsets(signal, crop, count);
        Assert.Equal(0, offsets[0]);
        Assert.Equal(Math.Max(0, signal - crop), offsets[^1]);
        for (int k = 1; k < count; k++) Assert.True(offsets[k] - offsets[k - 1] <= crop, $"a gap between crops {k - 1} and {k}");
    }

    [Fact]
    public void PolicyRandomCropWithoutAGeneratorSaysSo()
    {
        var policy = new LengthPolicy { Seconds = 1, Crop = CropPosition.Random };
        var e = Assert.Throws<ArgumentException>(() => Length.Apply(new float[10], new float[4], policy));
        Assert.Contains("Generator", e.Message);
    }
}
