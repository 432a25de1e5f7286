using System.Diagnostics;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Bench;

/// <summary>
/// Forward and backward time of each seed-000 layer shape (batch 32, 3x96x96 input): conv3x3, batch norm, max pool,
/// leaky ReLU. Compare with bench/torch_layers.py on the same machine.
/// </summary>
internal static class LayerBench
{
    private static readonly (int In, int Out, int Size)[] Layers = [(3, 16, 96), (16, 32, 48), (32, 48, 24), (48, 64, 12), (64, 64, 6)];

    public static void Run(int batch, int repetitions)
    {
        var random = new Generator(0);
        foreach (var (cin, cout, size) in Layers)
        {
            var x = Random(random, batch, cin, size, size);
            var w = Random(random, cout, cin, 3, 3);
            var b = Random(random, cout);
            var y = Ops.Conv2d(x, w, b, padding: 1);
            var dy = Random(random, y.Shape);
            double convF = Time(repetitions, () => Ops.Conv2d(x, w, b, padding: 1));
            double convB = Time(repetitions, () => Ops.Conv2d(x, w, b, padding: 1).Backward(dy)) - convF;

            var yd = y.Detach();
            yd.RequiresGrad = true;
            var g = Random(random, cout);
            var be = Random(random, cout);
            var rm = Tensor.Zeros(cout);
            var rv = Tensor.Ones(cout);
            double bnF = Time(repetitions, () => Ops.BatchNorm(yd, rm, rv, g, be, training: true));
            double bnB = Time(repetitions, () => Ops.BatchNorm(yd, rm, rv, g, be, training: true).Backward(dy)) - bnF;
            var pooled = Ops.MaxPool2d(yd, 2);
            var dp = Random(random, pooled.Shape);
            double poolF = Time(repetitions, () => Ops.MaxPool2d(yd, 2));
            double poolB = Time(repetitions, () => Ops.MaxPool2d(yd, 2).Backward(dp)) - poolF;
            double actF = Time(repetitions, () => Ops.LeakyRelu(yd, 0.01f));
            double actB = Time(repetitions, () => Ops.LeakyRelu(yd, 0.01f).Backward(dy)) - actF;
            Console.WriteLine($"{cin,3}->{cout,-3} @{size,-3} conv fwd {convF,7:F1} bwd {convB,7:F1} | bn fwd {bnF,6:F1} bwd {bnB,6:F1} | pool fwd {poolF,6:F1} bwd {poolB,6:F1} | leaky fwd {actF,6:F1} bwd {actB,6:F1} cpu-ms");
        }
    }

    private static Tensor Random(Generator random, params ReadOnlySpan<int> shape)
    {
        var t = Tensor.Empty(shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)random.NextGaussian();
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>
    /// Mean CPU milliseconds (all threads) per call after one warm-up call: on a shared, busy machine CPU time says more
    /// than wall time; divide by the cores used for an ideal wall time.
    /// </summary>
    private static double Time(int repetitions, Action action)
    {
        action();
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (int i = 0; i < repetitions; i++) action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / repetitions;
    }
}
