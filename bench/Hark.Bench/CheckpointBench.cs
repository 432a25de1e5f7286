using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Bench;

/// <summary>
/// Checkpoint load time (bench/checkpoint-load.sh): the first and the best of <c>repeats</c> reads of a file with
/// <see cref="StateDictFile.Read"/> (what torch.load(map_location='cpu') does), the managed bytes one read allocates,
/// the sum of every element (to compare with PyTorch's), then the time to copy the tensors into a PANNs Cnn14 with
/// <see cref="PannsClassifier.LoadPannsCheckpoint"/>.
/// </summary>
internal static class CheckpointBench
{
    public static void Run(string path, int repeats)
    {
        double first = 0, best = double.MaxValue, sum = 0;
        long allocated = 0;
        int tensors = 0;
        for (int i = 0; i < repeats; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var state = StateDictFile.Read(path).ToList();
            double seconds = watch.Elapsed.TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (i == 0) first = seconds;
            best = Math.Min(best, seconds);
            tensors = state.Count;
            sum = state.Sum(kv => kv.Value.ToArray().Sum(v => (double)v));
            state = null;
            GC.Collect();
        }
        Console.WriteLine($"tensors {tensors}, sum of all elements {sum:E6}, managed bytes allocated per read {allocated / 1e6:F1} MB (file {new FileInfo(path).Length / 1e6:F1} MB)");
        Console.WriteLine($"hark first load seconds: {first:F3}");
        Console.WriteLine($"hark load seconds: {best:F3}");
        var model = new PannsCnn(new PannsOptions(), new Generator(0));
        var intoModel = Stopwatch.StartNew();
        model.LoadPannsCheckpoint(path, loadHead: true);
        Console.WriteLine($"hark load into Cnn14 seconds: {intoModel.Elapsed.TotalSeconds:F3}");
    }
}
