using Hark.Tensors;
using Hark.Nn.Optim;

namespace Hark.Nn.Tests;

/// <summary>
/// Module.To and training on a device other than the CPU, proven with the test-only "checked" device (host reads of its
/// memory throw or are counted): a step there gives the CPU's numbers and reads nothing back but the loss.
/// </summary>
public class DevicePlacementTests
{
    private static Sequential Net(ulong seed)
    {
        var generator = new Generator(seed);
        return new Sequential(
            new Conv2d(1, 4, 3, generator, padding: 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Dropout(new Generator(seed + 1), p: 0.25), new Linear(4 * 3 * 4, 3, generator));
    }

    private static Tensor Batch()
    {
        var generator = new Generator(11);
        var values = new float[5 * 1 * 6 * 8];
        for (int i = 0; i < values.Length; i++) values[i] = (float)generator.NextGaussian();
        return Tensor.FromArray(values, 5, 1, 6, 8);
    }

    private static readonly int[] Labels = [0, 2, 1, 2, 0];

    /// <summary>Three AdamW steps with a class-weighted cross entropy; returns the losses and the final state.</summary>
    private static (float[] Losses, Dictionary<string, float[]> State) Train(Device device)
    {
        var net = Net(3);
        net.To(device);
        var optimizer = new AdamW(net.Parameters(), lr: 0.01);
        var weight = Tensor.FromArray([1f, 2f, 0.5f]).To(device);
        var batch = Batch().To(device);
        var losses = new float[3];
        for (int step = 0; step < losses.Length; step++)
        {
            var loss = Ops.CrossEntropy(net.Forward(batch), Labels, weight, labelSmoothing: 0.1f);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            losses[step] = loss.Item();
        }
        return (losses, net.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    [Fact]
    public void ToMovesParametersAndBuffersInPlace()
    {
        var net = Net(1);
        var weight = ((Conv2d)net[0]).Weight;
        var before = weight.ToArray();
        Assert.Equal(Device.Cpu, net.Device);
        Assert.Same(net, net.To(CheckedBackend.Device0));
        Assert.Equal(CheckedBackend.Device0, net.Device);
        Assert.Same(weight, ((Conv2d)net[0]).Weight);
        Assert.All(net.StateDict().Values, t => Assert.Equal(CheckedBackend.Device0, t.Device));
        Assert.Equal(before, weight.ToArray());
        net.To(Device.Cpu);
        Assert.All(net.StateDict().Values, t => Assert.Equal(Device.Cpu, t.Device));
        Assert.Equal(before, weight.Span.ToArray());
    }

    [Fact]
    public void TrainingStepsOnAnotherDeviceMatchTheCpuAndReadBackOnlyTheLoss()
    {
        var (cpuLosses, cpuState) = Train(Device.Cpu);
        var (deviceLosses, deviceState) = Train(CheckedBackend.Device0);
        Assert.Equal(cpuLosses, deviceLosses);
        foreach (var (key, values) in cpuState) Assert.Equal(values, deviceState[key]);
    }

    [Fact]
    public void AStepWithOnlyDeviceKernelsReadsNothingBackButTheLoss()
    {
        var generator = new Generator(5);
        var net = new Sequential(new Linear(6, 8, generator), new ReLU(), new Dropout(new Generator(6), p: 0.5), new Linear(8, 2, generator));
        net.To(CheckedBackend.Device0);
        var optimizer = new AdamW(net.Parameters(), lr: 0.01);
        var x = Tensor.Full([4, 6], 0.5f, CheckedBackend.Device0);
        var target = Tensor.Full([4, 2], 0.25f, CheckedBackend.Device0);

        long before = CheckedBackend.HostReads;
        var difference = Ops.Sub(net.Forward(x), target);
        var loss = Ops.Mul(difference, difference);
        optimizer.ZeroGrad();
        loss.Backward(Tensor.Full(loss.Shape, 1f, CheckedBackend.Device0));
        optimizer.Step();
        Assert.Equal(before, CheckedBackend.HostReads);
        Assert.Equal(4 * 2, loss.ToArray().Length);
        Assert.Equal(before + 1, CheckedBackend.HostReads);
    }
}
