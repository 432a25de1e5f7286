using Hark.Tensors.Autograd;
using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Backends;

namespace Hark.Bench;

/// <summary>
/// Training step throughput of the FSDD network (Hark.Models.KerasCnn, pipeline D's defaults: 3 blocks of 32/64/128 channels)
/// at batch 32 on [1, 64, 101] log-mel inputs, forward + backward + AdamW, as bench/fsdd.sh trains it but without the data
/// pipeline. Prints wall-clock samples/s and the process CPU time per step (steadier than wall time on a busy machine).
/// </summary>
internal static class KerasBench
{
    public static void Run(int steps)
    {
        const int batch = 32, classes = 10, mels = 64, frames = 101;
        var generator = new Generator(0);
        var model = new KerasCnn(new KerasCnnOptions { Classes = classes }, generator);
        Console.WriteLine($"params {model.ParameterCount()}");
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3, weightDecay: 1e-4);
        var input = Tensor.Empty([batch, 1, mels, frames]);
        for (int i = 0; i < input.Numel; i++) input.Span[i] = (float)generator.NextGaussian();
        var targets = Enumerable.Range(0, batch).Select(_ => generator.NextInt(classes)).ToArray();

        void Step()
        {
            using var scope = MemoryScope.Begin();
            foreach (var p in model.Parameters()) p.Grad = null;
            var loss = Ops.CrossEntropy(model.Forward([input]), targets, labelSmoothing: 0.1f);
            loss.Backward();
            optimizer.Step();
        }

        model.Train();
        for (int i = 0; i < 3; i++) Step();
        KernelProfiler.Reset();
        int gen2 = GC.CollectionCount(2);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        double seconds = watch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"train samples/s {steps * batch / seconds:F1}");
        Console.WriteLine($"train cpu ms/step {1000 * cpuSeconds / steps:F1} (cpu-bound samples/s on 2 cores: {2 * steps * batch / cpuSeconds:F1}), gen2 GCs in {steps} steps: {GC.CollectionCount(2) - gen2}");
        KernelProfile.Print($"kernels of {steps} training steps ({1000 * seconds:F0} ms)");
    }
}
