using Hark.Tensors;
using Hark.Features.Augmentation;

namespace Hark.Features.Tests.Augmentation;

public class TimeAugmentationTests
{
    [Fact]
    public void TimeFlipReversesExactlyTheSamplesTheGeneratorPicks()
    {
        var input = BatchFixtures.Coded(40, 2, 3, 7);
        var x = input.Clone();
        new TimeFlip(new TimeFlipOptions { P = 0.5f }).Apply(x, new Generator(4));
        var g = new Generator(4);
        int flipped = 0;
        for (int b = 0; b < 40; b++)
        {
            bool flip = g.NextFloat() < 0.5f;
            flipped += flip ? 1 : 0;
            for (int c = 0; c < 2; c++)
                for (int m = 0; m < 3; m++)
                    for (int t = 0; t < 7; t++)
                        Assert.Equal(BatchFixtures.At(input, b, c, m, flip ? 6 - t : t), BatchFixtures.At(x, b, c, m, t));
        }
        Assert.InRange(flipped, 1, 39);
    }

    [Fact]
    public void TimeShiftIsTorchRollByABoundedShift()
    {
        var input = BatchFixtures.Coded(30, 2, 3, 20);
        var x = input.Clone();
        new TimeShift(new TimeShiftOptions { P = 1f, MaxFraction = 0.25f }).Apply(x, new Generator(6));
        var g = new Generator(6);
        var shifts = new HashSet<int>();
        for (int b = 0; b < 30; b++)
        {
            g.NextFloat();
            int shift = g.NextInt(-5, 5);
            shifts.Add(shift);
            for (int c = 0; c < 2; c++)
                for (int m = 0; m < 3; m++)
                    for (int t = 0; t < 20; t++)
                        Assert.Equal(BatchFixtures.At(input, b, c, m, (((t - shift) % 20) + 20) % 20), BatchFixtures.At(x, b, c, m, t));
        }
        Assert.True(shifts.Count > 4);
        Assert.All(shifts, s => Assert.InRange(s, -5, 5));
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(3, 7)]
    [InlineData(-3, 7)]
    [InlineData(15, 7)]
    [InlineData(-22, 7)]
    [InlineData(1, 1)]
    public void RollMatchesTorchRoll(int shift, int length)
    {
        var row = Enumerable.Range(0, length).Select(i => (float)i).ToArray();
        TimeShift.Roll(row, shift);
        var expected = Enumerable.Range(0, length).Select(t => (float)((((t - shift) % length) + length) % length)).ToArray();
        Assert.Equal(expected, row);
    }

    [Fact]
    public void SegmentShufflePermutesArraySplitSegments()
    {
        // 23 frames in 4 segments: numpy.array_split sizes 6, 6, 6, 5.
        var input = BatchFixtures.Coded(12, 1, 2, 23);
        var x = input.Clone();
        new SegmentShuffle(new SegmentShuffleOptions { P = 1f, Segments = 4 }).Apply(x, new Generator(12));
        var g = new Generator(12);
        int[] starts = [0, 6, 12, 18, 23];
        int reordered = 0;
        for (int b = 0; b < 12; b++)
        {
            g.NextFloat();
            int[] order = [0, 1, 2, 3];
            g.Shuffle(order.AsSpan());
            reordered += order.SequenceEqual([0, 1, 2, 3]) ? 0 : 1;
            var expected = order.SelectMany(s => Enumerable.Range(starts[s], starts[s + 1] - starts[s])).ToArray();
            for (int m = 0; m < 2; m++)
                for (int t = 0; t < 23; t++)
                    Assert.Equal(BatchFixtures.At(input, b, 0, m, expected[t]), BatchFixtures.At(x, b, 0, m, t));
        }
        Assert.True(reordered > 6);
    }

    [Fact]
    public void SegmentShuffleKeepsEveryFrameWhenSegmentsExceedFrames()
    {
        var input = BatchFixtures.Coded(3, 1, 1, 3);
        var x = input.Clone();
        new SegmentShuffle(new SegmentShuffleOptions { P = 1f, Segments = 8 }).Apply(x, new Generator(1));
        Assert.Equal(input.ToArray().Order(), x.ToArray().Order());
    }

    [Fact]
    public void RandomCropTakesSeededWindowsAndCentreCropTheMiddle()
    {
        var input = BatchFixtures.Coded(20, 2, 3, 50);
        var cropped = TimeCrop.Random(input, 16, new Generator(5));
        Assert.Equal(new[] { 20, 2, 3, 16 }, cropped.Shape);
        var g = new Generator(5);
        var offsets = new HashSet<int>();
        for (int b = 0; b < 20; b++)
        {
            int offset = g.NextInt(0, 34);
            offsets.Add(offset);
            for (int c = 0; c < 2; c++)
                for (int m = 0; m < 3; m++)
                    for (int t = 0; t < 16; t++)
                        Assert.Equal(BatchFixtures.At(input, b, c, m, offset + t), BatchFixtures.At(cropped, b, c, m, t));
        }
        Assert.True(offsets.Count > 5);
        Assert.Equal(TimeCrop.Random(input, 16, new Generator(5)).ToArray(), cropped.ToArray());
        Assert.NotEqual(TimeCrop.Random(input, 16, new Generator(6)).ToArray(), cropped.ToArray());

        var centre = TimeCrop.Centre(input, 15);
        for (int b = 0; b < 20; b++)
            for (int t = 0; t < 15; t++)
                Assert.Equal(BatchFixtures.At(input, b, 1, 2, 17 + t), BatchFixtures.At(centre, b, 1, 2, t));
    }

    [Fact]
    public void CropsPadShortClipsOnTheRight()
    {
        var input = BatchFixtures.Coded(2, 1, 2, 3);
        foreach (var cropped in new[] { TimeCrop.Random(input, 5, new Generator(1), padValue: -80f), TimeCrop.Centre(input, 5, padValue: -80f) })
        {
            Assert.Equal(new[] { 2, 1, 2, 5 }, cropped.Shape);
            Assert.Equal(new float[] { 1, 2, 3, -80, -80, 4, 5, 6, -80, -80 }, cropped.ToArray()[..10]);
        }
    }
}
