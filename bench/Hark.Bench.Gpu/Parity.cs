using Hark.Models;
using Hark.Nn;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Serialization;

namespace Hark.Bench.Gpu;

/// <summary>
/// Eval-mode logits, then one SGD step (lr 0.01, dropout off) and the logits after it, of the seed-000 network and CNN14
/// on the device and on the CPU backend from the same initial weights; prints the worst relative differences. The
/// seed-000 case is also written to DIR (state dict before the step, batch, labels, Hark's results, one .npy each) for
/// bench/gpu_torch.py to repeat with PyTorch on the same GPU.
/// </summary>
internal static class Parity
{
    public static void Run(string directory, Device device)
    {
        Directory.CreateDirectory(directory);
        Case("seed000", directory, device, () => { var m = new SeedCnn(new Generator(1), new SeedCnnOptions().WithoutDropout()); return (m, x => m.Forward(x)); },
            batch: 8, [3, 96, 96], classes: 16, inputCount: 3);
        Case("cnn14", null, device, () => { var m = new PannsCnn(new PannsOptions { Classes = 80 }.WithoutDropout(), new Generator(1)); return (m, x => m.Forward(x)); },
            batch: 4, [1, 64, 1001], classes: 80, inputCount: 1);
    }

    private static void Case(string name, string? directory, Device device, Func<(Module Model, Func<Tensor[], Tensor> Forward)> build, int batch, int[] shape, int classes, int inputCount)
    {
        var generator = new Generator(2);
        var inputs = Enumerable.Range(0, inputCount).Select(_ => Throughput.Gaussian(generator, Device.Cpu, [batch, .. shape])).ToArray();
        var labels = Throughput.Labels(generator, batch, classes);
        var initial = build().Model;
        if (directory is not null)
        {
            var folder = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.Combine(folder, "state"));
            foreach (var (key, tensor) in initial.StateDict()) Npy.Save(Path.Combine(folder, "state", key + ".npy"), tensor);
            for (int i = 0; i < inputs.Length; i++) Npy.Save(Path.Combine(folder, $"input{i}.npy"), inputs[i]);
            Npy.Save(Path.Combine(folder, "labels.npy"), labels.Select(l => (float)l).ToArray(), [batch]);
        }
        var cpu = Results(build(), inputs, labels, Device.Cpu);
        var gpu = Results(build(), inputs, labels, device);
        if (directory is not null)
        {
            Npy.Save(Path.Combine(directory, name, "hark_logits.npy"), gpu.Logits, [batch, classes]);
            Npy.Save(Path.Combine(directory, name, "hark_loss.npy"), [gpu.Loss], [1]);
            Npy.Save(Path.Combine(directory, name, "hark_logits_after_step.npy"), gpu.LogitsAfterStep, [batch, classes]);
        }
        Console.WriteLine($"{name} {device} vs cpu: logits rel {Relative(gpu.Logits, cpu.Logits):E2}, loss rel {Relative([gpu.Loss], [cpu.Loss]):E2}, "
            + $"logits after one step rel {Relative(gpu.LogitsAfterStep, cpu.LogitsAfterStep):E2}");
    }

    private static (float[] Logits, float Loss, float[] LogitsAfterStep) Results((Module Model, Func<Tensor[], Tensor> Forward) network, Tensor[] inputs, int[] labels, Device device)
    {
        var (model, forward) = network;
        model.To(device);
        var onDevice = inputs.Select(x => x.To(device)).ToArray();
        float[] Logits()
        {
            model.Eval();
            using var noGrad = Graph.NoGrad();
            return forward(onDevice).ToArray();
        }
        var before = Logits();
        model.Train();
        var optimizer = new Sgd(model.Parameters(), lr: 0.01);
        var loss = Ops.CrossEntropy(forward(onDevice), labels);
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
        return (before, loss.Item(), Logits());
    }

    /// <summary>max |a - b| / max |b|: the error relative to the output's scale.</summary>
    public static double Relative(float[] actual, float[] expected)
    {
        double worst = 0, scale = 1e-30;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return worst / scale;
    }
}
