using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Training.Loop;

namespace Hark.Cuda.Tests;

/// <summary>
/// 20 AdamW steps of the zoo's small CNNs on the CUDA backend's kernels (ILGPU's CPU accelerator) give the CPU
/// backend's losses within 1e-4 relative: the kernels differ from the CPU's only in summation order.
/// </summary>
public class TrainingParityTests
{
    private const int Steps = 20, Count = 8, Classes = 3;
    private static readonly int[][] Shapes = [[1, 32, 24]];
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 2, 1];

    private static float[] Losses(string model, Device device)
    {
        var generator = new Generator(5);
        var inputs = new float[Count * 32 * 24];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)generator.NextGaussian();
        var network = ModelFactory.Create(new ModelConfig { Name = model, Width = 4 }, Shapes, Classes, seed: 7);
        network.To(device);
        var optimizer = new AdamW(network.Parameters(), lr: 0.003);
        var batch = Tensor.FromArray(inputs, Count, 1, 32, 24).To(device);
        var losses = new float[Steps];
        for (int step = 0; step < Steps; step++)
        {
            using var scope = MemoryScope.Begin();
            var loss = Ops.CrossEntropy(network.Forward([batch]), Labels, labelSmoothing: 0.1f);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            losses[step] = loss.Item();
        }
        return losses;
    }

    [Theory]
    [InlineData("seed-cnn")]
    [InlineData("keras-cnn")]
    public void TwentyStepsGiveTheCpuLosses(string model)
    {
        var cpu = Losses(model, Device.Cpu);
        var cuda = Losses(model, CudaOnCpu.Device);
        Assert.True(cpu[^1] < cpu[0], $"{model} did not learn on the CPU: {string.Join(", ", cpu)}");
        for (int step = 0; step < Steps; step++)
            Assert.True(Math.Abs(cuda[step] - cpu[step]) <= 1e-4 * Math.Abs(cpu[step]),
                $"{model} step {step + 1}: CUDA backend {cuda[step]}, CPU {cpu[step]}");
    }
}
