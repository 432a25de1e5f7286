using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Bench;

/// <summary>
/// PANNs' CNN14 (Hark.Models.PannsCnn, 527 classes, mean+max head) on 10 s clips at batch 8: [1, 64 mels, 1001 frames]
/// log-mels, measured like bench/torch_cnn14.py (one warm-up step, then timed training steps of forward + backward +
/// AdamW, and inference in eval mode without the graph).
/// </summary>
internal static class Cnn14Bench
{
    public static void Run(int steps)
    {
        const int batch = 8, mels = 64, frames = 1001;
        var generator = new Generator(0);
        var model = new PannsCnn(new PannsOptions(), generator);
        Console.WriteLine($"cnn14 params {model.ParameterCount()}");
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3, weightDecay: 1e-4);
        var input = Tensor.Empty([batch, 1, mels, frames]);
        var span = input.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)generator.NextGaussian();
        var targets = Enumerable.Range(0, batch).Select(_ => generator.NextInt(model.ClassCount)).ToArray();

        void Step()
        {
            using var scope = MemoryScope.Begin();
            foreach (var p in model.Parameters()) p.Grad = null;
            var loss = Ops.CrossEntropy(model.Forward([input]), targets);
            loss.Backward();
            optimizer.Step();
        }

        model.Train();
        Step();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        Console.WriteLine($"cnn14 train samples/s {steps * batch / watch.Elapsed.TotalSeconds:F2}");

        void Infer()
        {
            using var scope = MemoryScope.Begin();
            model.Forward([input]);
        }

        model.Eval();
        using (Graph.NoGrad())
        {
            Infer();
            watch.Restart();
            for (int i = 0; i < steps; i++) Infer();
        }
        Console.WriteLine($"cnn14 infer samples/s {steps * batch / watch.Elapsed.TotalSeconds:F2}");
    }
}
