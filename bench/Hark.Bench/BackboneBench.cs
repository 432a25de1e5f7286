using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Bench;

/// <summary>
/// torchvision's efficientnet_v2_s and resnet50 (1000 classes) at batch 16 on 3 x 224 x 224 images, measured like
/// bench/torch_backbones.py: one warm-up step, then timed training steps (forward + backward + AdamW) and inference
/// in eval mode without the graph. For EfficientNetV2-S also the depthwise convolutions' share of a training step:
/// each MBConv block's depthwise geometry timed alone (forward + backward) and summed.
/// </summary>
internal static class BackboneBench
{
    private const int Batch = 16, Size = 224;

    public static void Run(int steps)
    {
        var generator = new Generator(0);
        var input = Gaussian(generator, Batch, 3, Size, Size);
        var targets = Enumerable.Range(0, Batch).Select(_ => generator.NextInt(1000)).ToArray();
        var image = new ImageInputOptions { Normalization = InputNormalization.None };
        double effnetStep = Measure("efficientnet-v2-s", new EfficientNetV2(EfficientNetV2Options.Small with { Input = image }, generator), input, targets, steps);
        double depthwise = DepthwiseSeconds(EfficientNetV2Options.Small, generator, steps);
        Console.WriteLine($"efficientnet-v2-s depthwise share {depthwise / effnetStep:F3} ({depthwise * 1000:F0} ms of {effnetStep * 1000:F0} ms per step)");
        Measure("resnet50", new ResNet(new ResNetOptions { Input = image }, generator), input, targets, steps);
    }

    /// <summary>Prints training and inference samples/s; returns the seconds of one training step.</summary>
    private static double Measure(string name, AudioClassifier model, Tensor input, int[] targets, int steps)
    {
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3, weightDecay: 1e-4);
        void Step()
        {
            using var scope = MemoryScope.Begin();
            model.ZeroGrad();
            Ops.CrossEntropy(model.Forward([input]), targets).Backward();
            optimizer.Step();
        }

        model.Train();
        Step();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        double stepSeconds = watch.Elapsed.TotalSeconds / steps;
        Console.WriteLine($"{name} train samples/s {Batch / stepSeconds:F2}");
        model.Eval();
        using (Graph.NoGrad())
        {
            using (MemoryScope.Begin()) model.Forward([input]);
            watch.Restart();
            for (int i = 0; i < steps; i++)
                using (MemoryScope.Begin()) model.Forward([input]);
        }
        Console.WriteLine($"{name} infer samples/s {steps * Batch / watch.Elapsed.TotalSeconds:F2}");
        return stepSeconds;
    }

    /// <summary>Seconds per training step spent in the depthwise convolutions of <paramref name="options"/> at 224 x 224.</summary>
    private static double DepthwiseSeconds(EfficientNetV2Options options, Generator generator, int steps)
    {
        var geometries = new List<(int Channels, int Side, int Kernel, int Stride)>();
        int side = Size / 2;
        foreach (var stage in options.Stages)
        {
            for (int layer = 0; layer < stage.Layers; layer++)
            {
                int stride = layer == 0 ? stage.Stride : 1;
                int inChannels = layer == 0 ? stage.InChannels : stage.OutChannels;
                if (!stage.Fused) geometries.Add((EfficientNetV2Options.MakeDivisible(inChannels * stage.ExpandRatio), side, stage.Kernel, stride));
                side = (side + stride - 1) / stride;
            }
        }
        // inputs drawn once, outside the timing: only the convolutions and their gradients are timed
        var cases = geometries.Select(c => (c, X: Gaussian(generator, Batch, c.Channels, c.Side, c.Side), W: Gaussian(generator, c.Channels, 1, c.Kernel, c.Kernel))).ToList();
        void Run()
        {
            foreach (var ((channels, _, kernel, stride), x, w) in cases)
            {
                using var scope = MemoryScope.Begin();
                x.RequiresGrad = w.RequiresGrad = true;
                x.Grad = w.Grad = null;
                Ops.Sum(Ops.Conv2d(x, w, null, stride, (kernel - 1) / 2, 1, channels)).Backward();
            }
        }
        Run();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Run();
        return watch.Elapsed.TotalSeconds / steps;
    }

    private static Tensor Gaussian(Generator generator, params int[] shape)
    {
        var tensor = Tensor.Empty(shape);
        var span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)generator.NextGaussian();
        return tensor;
    }
}
