using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Audio.Images;
using Hark.Data;
using Hark.Tensors;

namespace Hark.Training.Features;

/// <summary>An example that could not be turned into features, with the reason.</summary>
public sealed record FeatureProblem(string Path, string Reason);

/// <summary>
/// Turns dataset items into fixed-shape feature arrays: audio through the run's front end ([1, n_mels, frames]),
/// PNG inputs decoded, resized and ImageNet-normalised ([3, size, size] each). Items are processed in parallel on
/// every core; unreadable items are reported and left out, or fail the run, as the caller asks.
/// </summary>
public sealed class FeatureExtraction(FrontEnd? frontEnd, int imageSize)
{
    /// <summary>Shape of one input of one example.</summary>
    public int[] InputShape(DatasetItem item)
    {
        if (IsImage(item)) return [3, imageSize, imageSize];
        var front = frontEnd ?? throw new InvalidOperationException("FeatureExtraction: audio items need a front end");
        var length = front.Config.Length
            ?? throw new Configuration.ConfigException($"front_end '{front.Config.Name}' keeps each clip's own length; training needs a fixed length (set front_end.length, e.g. {{seconds: 1.0}})");
        int samples = length.Samples(front.Config.SampleRate);
        return [1, front.NMels, front.FrameCount(samples, front.Config.SampleRate)];
    }

    public static bool IsImage(DatasetItem item) => item.Paths[0].EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Features of every item: one flat array per input ([items, ...InputShape]), plus the indices that failed.
    /// <paramref name="progress"/> receives the number of items done.
    /// </summary>
    public (float[][] Inputs, int[] Shape, List<(int Index, FeatureProblem Problem)> Failures) Extract(IReadOnlyList<DatasetItem> items, IProgress<int>? progress = null)
    {
        if (items.Count == 0) throw new ArgumentException("FeatureExtraction: no items");
        int inputCount = items[0].Paths.Length;
        var shape = InputShape(items[0]);
        int size = shape.Aggregate(1, (a, b) => a * b);
        var inputs = Enumerable.Range(0, inputCount).Select(_ => new float[(long)size * items.Count]).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int, FeatureProblem)>();
        int done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var item = items[i];
            for (int j = 0; j < inputCount; j++)
            {
                var destination = inputs[j].AsSpan(i * size, size);
                try
                {
                    if (item.Paths.Length != inputCount)
                        throw new FormatException($"has {item.Paths.Length} inputs, expected {inputCount} like the first item");
                    ExtractOne(item.Paths[j], destination);
                }
                catch (Exception e) when (e is AudioDecodeException or ImageDecodeException or IOException or FormatException or ArgumentException)
                {
                    failures.Add((i, new FeatureProblem(item.Paths[j], e.Message)));
                    break;
                }
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        return (inputs, shape, failures.OrderBy(f => f.Item1).ToList());
    }

    private void ExtractOne(string path, Span<float> destination)
    {
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            var image = ImageNormalization.ImageNet(ImageTensor.ReadPngResizedLikePil(path, imageSize, imageSize));
            image.Span.CopyTo(destination);
            return;
        }
        var waveform = AudioFile.Read(path).ToMono();
        frontEnd!.Apply(waveform.Samples, waveform.SampleRate, destination);
    }
}
