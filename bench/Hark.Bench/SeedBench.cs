using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Bench;

/// <summary>
/// Training and inference throughput of the seed-000 network (Hark.Models.SeedCnn) at batch 32 on 3x96x96 inputs, measured like
/// ../shared/bench/peer_torch_cnn.py (3 warm-up steps, then 10 timed steps of forward + backward + AdamW; inference in
/// eval mode without the graph), then more training steps to show that managed memory stays flat.
/// </summary>
internal static class SeedBench
{
    private const int Batch = 32;

    public static void Run(int size, int memorySteps)
    {
        const int classes = 16, timedSteps = 10;
        var generator = new Generator(0);
        var model = new SeedCnn(generator, new SeedCnnOptions { Classes = classes });
        Console.WriteLine($"params {model.ParameterCount()}");
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3, weightDecay: 1e-4);
        var inputs = Enumerable.Range(0, 3).Select(_ => Gaussian(generator, Batch, 3, size, size)).ToArray();
        var targets = Enumerable.Range(0, Batch).Select(_ => generator.NextInt(classes)).ToArray();

        void Step()
        {
            using var scope = MemoryScope.Begin();
            foreach (var p in model.Parameters()) p.Grad = null;
            var loss = Ops.CrossEntropy(model.Forward(inputs), targets, labelSmoothing: 0.1f);
            loss.Backward();
            optimizer.Step();
        }

        model.Train();
        for (int i = 0; i < 3; i++) Step();
        KernelProfiler.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < timedSteps; i++) Step();
        double train = timedSteps * Batch / watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"train cpu ms/step {1000 * cpuSeconds / timedSteps:F0} (cpu-bound samples/s on 2 cores: {2 * timedSteps * Batch / cpuSeconds:F1})");
        Console.WriteLine($"train samples/s {train:F1}");
        KernelProfile.Print($"kernels of {timedSteps} training steps ({watch.Elapsed.TotalMilliseconds:F0} ms)");

        TimeInference(model, inputs, timedSteps);

        model.Train();
        int done = 3 + timedSteps;
        long at50 = 0;
        for (; done < memorySteps; done++)
        {
            Step();
            if (done + 1 == 50) at50 = GC.GetTotalMemory(forceFullCollection: true);
        }
        long atEnd = GC.GetTotalMemory(forceFullCollection: true);
        if (memorySteps >= 50)
            Console.WriteLine($"managed memory after step 50: {at50 / 1048576.0:F1} MiB, after step {memorySteps}: {atEnd / 1048576.0:F1} MiB");
        Console.WriteLine($"peak memory (VmHWM): {PeakResidentMiB():F0} MiB, GC collections gen0/1/2: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, "
            + $"allocated {GC.GetTotalAllocatedBytes() / 1073741824.0:F1} GiB");
    }

    /// <summary>Only the inference half of <see cref="Run"/>, for profiling it: <paramref name="batches"/> timed batches after 3 warm-up ones.</summary>
    public static void RunInference(int size, int batches)
    {
        var generator = new Generator(0);
        var model = new SeedCnn(generator, new SeedCnnOptions { Classes = 16 });
        var inputs = Enumerable.Range(0, 3).Select(_ => Gaussian(generator, Batch, 3, size, size)).ToArray();
        TimeInference(model, inputs, batches);
    }

    // eval mode without the graph, as the peer's torch.no_grad(); prints samples/s and the kernel table
    private static void TimeInference(SeedCnn model, Tensor[] inputs, int batches)
    {
        void Infer()
        {
            using var scope = MemoryScope.Begin();
            model.Forward(inputs);
        }

        model.Eval();
        var watch = new Stopwatch();
        using (Graph.NoGrad())
        {
            for (int i = 0; i < 3; i++) Infer();
            KernelProfiler.Reset();
            watch.Start();
            for (int i = 0; i < batches; i++) Infer();
        }
        double infer = batches * Batch / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"infer samples/s {infer:F1}");
        KernelProfile.Print($"kernels of {batches} inference batches ({watch.Elapsed.TotalMilliseconds:F0} ms)");
    }

    private static double PeakResidentMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:"))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    private static Tensor Gaussian(Generator generator, params int[] shape)
    {
        var t = Tensor.Empty(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)generator.NextGaussian();
        return t;
    }
}
