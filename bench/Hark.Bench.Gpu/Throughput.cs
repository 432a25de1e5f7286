using System.Diagnostics;
using Hark.Models;
using Hark.Nn;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Bench.Gpu;

/// <summary>
/// Training (forward, backward, AdamW) and inference samples/s on one device, timed as ../shared/bench/peer_torch_gpu.py
/// times PyTorch (5 warm-up steps, 30 timed; the loss read back each step, as the training loop's progress line does).
/// </summary>
internal static class Throughput
{
    private const int Warmup = 5, Timed = 30;

    public static void Run(Device device)
    {
        foreach (int batch in new[] { 32, 256 })
        {
            var generator = new Generator(0);
            var model = new SeedCnn(generator, new SeedCnnOptions());
            var inputs = Enumerable.Range(0, 3).Select(_ => Gaussian(generator, device, batch, 3, 96, 96)).ToArray();
            Measure($"seed000 B={batch}", model, x => model.Forward(x), inputs, Labels(generator, batch, 16), device);
        }
        {
            var generator = new Generator(0);
            var model = new PannsCnn(new PannsOptions { Classes = 80 }, generator);
            var input = Gaussian(generator, device, 32, 1, 64, 1001);
            Measure("cnn14 B=32", model, x => model.Forward(x), [input], Labels(generator, 32, 80), device);
        }
    }

    private static void Measure(string name, Module model, Func<Tensor[], Tensor> forward, Tensor[] inputs, int[] labels, Device device)
    {
        model.To(device);
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        model.Train();
        void Step()
        {
            using var scope = MemoryScope.Begin();
            var loss = Ops.CrossEntropy(forward(inputs), labels);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            _ = loss.Item();
        }
        for (int i = 0; i < Warmup; i++) Step();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Timed; i++) Step();
        double train = Timed * labels.Length / watch.Elapsed.TotalSeconds;

        model.Eval();
        void Infer()
        {
            using var scope = MemoryScope.Begin();
            _ = forward(inputs).ToArray();
        }
        using (Graph.NoGrad())
        {
            for (int i = 0; i < Warmup; i++) Infer();
            watch.Restart();
            for (int i = 0; i < Timed; i++) Infer();
        }
        double infer = Timed * labels.Length / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name} train samples/s {train:F1}");
        Console.WriteLine($"{name} infer samples/s {infer:F1}");
    }

    public static Tensor Gaussian(Generator generator, Device device, params int[] shape)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)generator.NextGaussian();
        return Tensor.FromArray(values, shape).To(device);
    }

    public static int[] Labels(Generator generator, int batch, int classes) => Enumerable.Range(0, batch).Select(_ => generator.NextInt(classes)).ToArray();
}
