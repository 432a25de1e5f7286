using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Bench;

/// <summary>
/// Checkpoint load time (bench/checkpoint-load.sh): the best of <c>repeats</c> reads of a file with
/// <see cref="StateDictFile.Read"/> (what torch.load(map_location='cpu') does), then the time to copy those tensors into
/// a PANNs Cnn14 with <see cref="Cnn14.LoadPannsCheckpoint"/>, and the managed bytes one read allocates.
/// </summary>
internal static class CheckpointBench
{
    public static void Run(string path, int repeats)
    {
        double best = double.MaxValue;
        long allocated = 0;
        int tensors = 0;
        for (int i = 0; i < repeats; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            tensors = StateDictFile.Read(path).Count();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            GC.Collect();
        }
        Console.WriteLine($"tensors {tensors}, managed bytes allocated per read {allocated / 1e6:F1} MB (file {new FileInfo(path).Length / 1e6:F1} MB)");
        Console.WriteLine($"hark load seconds: {best:F3}");
        var model = new Cnn14(new Cnn14Options(), new Generator(0));
        var intoModel = Stopwatch.StartNew();
        model.LoadPannsCheckpoint(path, loadHead: true);
        Console.WriteLine($"hark load into Cnn14 seconds: {intoModel.Elapsed.TotalSeconds:F3}");
    }
}
