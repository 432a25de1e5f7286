using Hark.Audio;
using Hark.Audio.Cropping;
using Hark.Audio.Export;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Tensors;

namespace Hark.Features.Tests.Extraction;

/// <summary>
/// <see cref="RandomTrainingCrops"/>: each epoch a training clip longer than the clip length trains on a window at a random
/// offset; the others keep the features extracted before training.
/// </summary>
public class RandomTrainingCropsTests
{
    private const int Rate = 16000;
    private static readonly FrontEndConfig frontEnd = FrontEnd.SeedAudio with { Length = LengthPolicy.PadOrTrim(0.25) }; // 4000 samples
    private const int Window = 4000;

    // Clips of 3000 (shorter), 4000 (exactly the window), 4040 and 4100 samples (longer) of seeded noise at the front end's rate.
    private static readonly int[] lengths = [3000, 4000, 4040, 4100];

    [Fact]
    public void EachEpochALongClipTrainsOnAWindowAtAnOffsetDrawnOverTheWholeClipAndTheOthersKeepTheirFeatures()
    {
        var (items, clips) = WriteClips("hark-crops-");
        var train = Extract(items);
        var before = train.Inputs[0].ToArray();
        var crops = RandomTrainingCrops.For(frontEnd, items, train);
        Assert.Equal(2, crops.LongClipCount);
        Assert.Equal(4040 + 4100, crops.Samples);

        int size = train.SampleSize(0);
        var offsets = new Dictionary<int, List<int>> { [2] = [], [3] = [] };
        for (ulong epoch = 1; epoch <= 24; epoch++)
        {
            var cropped = crops.ForEpoch(train, epoch);
            Assert.Equal(before, train.Inputs[0]); // the features extracted before training are not touched
            for (int i = 0; i < 2; i++) Assert.Equal(before.AsSpan(i * size, size).ToArray(), cropped.Inputs[0].AsSpan(i * size, size).ToArray());
            foreach (var (i, found) in offsets)
                found.Add(OffsetOf(cropped.Inputs[0].AsSpan(i * size, size).ToArray(), clips[i]));
        }
        foreach (var (i, found) in offsets)
        {
            int excess = lengths[i] - Window;
            Assert.All(found, offset => Assert.InRange(offset, 0, excess)); // -1 (no window matched) fails here
            Assert.Contains(found, offset => offset < excess / 4);
            Assert.Contains(found, offset => offset > excess * 3 / 4);
        }
    }

    [Fact]
    public void CropsDependOnlyOnTheEpochSeed()
    {
        var (items, _) = WriteClips("hark-crops-seed-");
        var train = Extract(items);
        var crops = RandomTrainingCrops.For(frontEnd, items, train);
        var again = RandomTrainingCrops.For(frontEnd, items, train);
        Assert.Equal(crops.ForEpoch(train, 5).Inputs[0], again.ForEpoch(train, 5).Inputs[0]);
        Assert.NotEqual(crops.ForEpoch(train, 5).Inputs[0], crops.ForEpoch(train, 6).Inputs[0]);
    }

    [Fact]
    public void ClipsNoLongerThanTheWindowAreNotHeldAndTheSetIsReturnedAsItIs()
    {
        var (items, _) = WriteClips("hark-crops-short-");
        var shortItems = items.Take(2).ToList();
        var train = Extract(shortItems);
        var crops = RandomTrainingCrops.For(frontEnd, shortItems, train);
        Assert.Equal(0, crops.LongClipCount);
        Assert.Same(train, crops.ForEpoch(train, 1));
        Assert.Throws<ArgumentException>(() => crops.ForEpoch(Extract(items), 1));
    }

    [Fact]
    public void ImagesAndFrontEndsWithoutAFixedLengthAreRefusedInWords()
    {
        var (items, _) = WriteClips("hark-crops-refused-");
        var train = Extract(items);
        var image = items.Select(i => i with { Paths = [Path.ChangeExtension(i.Paths[0], ".png")] }).ToList();
        Assert.Contains("is an image", Assert.Throws<ArgumentException>(() => RandomTrainingCrops.For(frontEnd, image, train)).Message);
        Assert.Contains("keeps each clip's own length", Assert.Throws<ArgumentException>(() => RandomTrainingCrops.For(frontEnd with { Length = null }, items, train)).Message);
    }

    // The offset of the window of `clip` whose features are exactly `features`, or -1.
    private static int OffsetOf(float[] features, float[] clip)
    {
        var front = new FrontEnd(frontEnd);
        for (int offset = 0; offset + Window <= clip.Length; offset++)
            if (front.Apply(clip.AsSpan(offset, Window), Rate).ToArray().AsSpan().SequenceEqual(features)) return offset;
        return -1;
    }

    private static FeatureSet Extract(IReadOnlyList<DatasetItem> items)
    {
        var (inputs, shape, failures, _) = new FeatureExtraction(new FrontEnd(frontEnd), 0).Extract(items);
        Assert.Empty(failures);
        return new FeatureSet([.. items.Select(i => i.Id)], [shape], inputs, [.. items.Select(_ => 0)], null, 1);
    }

    private static (List<DatasetItem> Items, float[][] Clips) WriteClips(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        var generator = new Generator(11);
        var clips = lengths.Select(n => Enumerable.Range(0, n).Select(_ => (float)(generator.NextDouble() - 0.5)).ToArray()).ToArray();
        var items = clips.Select((samples, i) =>
        {
            var path = Path.Combine(folder, $"clip{i}.wav");
            WavWriter.WritePcm16(path, samples, Rate);
            return new DatasetItem($"clip{i}", [path], [0], "train", null, $"test:{i}");
        }).ToList();
        // the samples as decoded from 16-bit PCM, which is what the crops are cut from
        return (items, [.. items.Select(item => { using var mono = AudioFile.ReadMonoRented(item.Paths[0]); return mono.Samples.ToArray(); })]);
    }
}
