using Hark.Tensors.Backends;

namespace Hark.Tensors.Tests.Backends;

/// <summary>The open registry, device names, and the per-call fallback of kernels a registered backend does not support.</summary>
public class BackendRegistryTests
{
    [Theory]
    [InlineData("cpu", "cpu", 0, "cpu")]
    [InlineData("cuda", "cuda", 0, "cuda:0")]
    [InlineData("CUDA:1", "cuda", 1, "cuda:1")]
    [InlineData("checked:2", "checked", 2, "checked:2")]
    public void DevicesParseAsPytorchWritesThem(string text, string type, int index, string written)
    {
        var device = Device.Parse(text);
        Assert.Equal(new Device(type, index), device);
        Assert.Equal(written, device.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:0:1")]
    public void AMalformedDeviceIsRefusedWithTheTextAndTheExpectedForm(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains("e.g. cpu, cuda or cuda:1", error.Message);
    }

    [Fact]
    public void AnUnregisteredDeviceTypeNamesItselfAndTheRegisteredOnes()
    {
        var error = Assert.Throws<NotSupportedException>(() => Tensor.Zeros([2], new Device("nowhere")));
        Assert.Contains("nowhere", error.Message);
        Assert.Contains("cpu", error.Message);
    }

    [Fact]
    public void ADeviceTypeRegistersOnce()
    {
        _ = CheckedBackend.Device0;
        Assert.True(BackendRegistry.IsRegistered(CheckedBackend.DeviceType));
        Assert.Contains(CheckedBackend.DeviceType, BackendRegistry.DeviceTypes);
        var error = Assert.Throws<InvalidOperationException>(() => BackendRegistry.Register(CheckedBackend.DeviceType, _ => BackendRegistry.Cpu));
        Assert.Contains("already registered", error.Message);
        Assert.Throws<InvalidOperationException>(() => BackendRegistry.Register("cpu", _ => BackendRegistry.Cpu));
    }

    [Fact]
    public void ABackendBuiltForTheWrongDeviceIsRefused()
    {
        BackendRegistry.Register("liar", _ => BackendRegistry.Cpu);
        var error = Assert.Throws<InvalidOperationException>(() => BackendRegistry.For(new Device("liar")));
        Assert.Contains("cpu", error.Message);
    }

    [Fact]
    public void DeviceTensorsRefuseHostSpansAndMoveBackThroughCopies()
    {
        var device = CheckedBackend.Device0;
        var host = Tensor.FromArray([1f, -2f, 3f, -4f, 5f, -6f], 2, 3);
        var onDevice = host.To(device);
        Assert.Equal(device, onDevice.Device);
        Assert.Throws<InvalidOperationException>(() => onDevice.Span.Length);
        Assert.Equal(host.ToArray(), onDevice.ToArray());
        Assert.Equal(host.ToArray(), onDevice.To(Device.Cpu).Span.ToArray());
        Assert.Same(onDevice, onDevice.To(device));
    }

    [Fact]
    public void SupportedKernelsRunOnTheDeviceAndTheOthersFallBackPerCallWithTheSameResults()
    {
        var device = CheckedBackend.Device0;
        Assert.Contains(BackendKernel.Unary, CheckedBackend.OwnKernels);
        Assert.DoesNotContain(BackendKernel.Softmax, CheckedBackend.OwnKernels);
        var x = Tensor.FromArray([0.5f, -1f, 2f, 3f, -0.25f, 1f], 2, 3);
        var onDevice = x.To(device);

        long before = CheckedBackend.HostReads;
        var relu = Tensors.Ops.Relu(onDevice);
        Assert.Equal(before, CheckedBackend.HostReads); // its own kernel: nothing crossed to the host
        var softmax = Tensors.Ops.Softmax(onDevice, 1);
        Assert.True(CheckedBackend.HostReads > before); // the fallback copied the input over
        Assert.Equal(device, softmax.Device);

        Assert.Equal(Tensors.Ops.Relu(x).ToArray(), relu.ToArray());
        Assert.Equal(Tensors.Ops.Softmax(x, 1).ToArray(), softmax.ToArray());
    }

    [Fact]
    public void MovingALeafInPlaceKeepsTheTensorAndRefusesOpOutputs()
    {
        var device = CheckedBackend.Device0;
        var leaf = Tensor.FromArray([1f, 2f, 3f]);
        leaf.MoveTo(device);
        Assert.Equal(device, leaf.Device);
        Assert.Equal([1f, 2f, 3f], leaf.ToArray());

        var parameter = Tensor.FromArray([1f, 2f]);
        parameter.RequiresGrad = true;
        var output = Tensors.Ops.Mul(parameter, 2f);
        Assert.Throws<InvalidOperationException>(() => { output.MoveTo(device); });
    }
}
