using Microsoft.Extensions.Logging;

namespace Hark.Tensors.Backends;

/// <summary>
/// What ops reach for a registered (non-CPU) device: each kernel the device <see cref="IBackend.Supports"/> goes to it,
/// every other call runs the CPU kernel on host copies of its tensors (<see cref="HostCopies"/>), the written ones copied
/// back. The device is asked once per kernel, here; the kernels that fall back are logged once.
/// </summary>
internal sealed class FallbackDispatcher : IBackend
{
    private readonly IBackend device, cpu;
    private readonly bool[] supported;

    public FallbackDispatcher(IBackend device, IBackend cpu)
    {
        this.device = device;
        this.cpu = cpu;
        var kernels = Enum.GetValues<BackendKernel>();
        supported = new bool[kernels.Length];
        foreach (var kernel in kernels) supported[(int)kernel] = device.Supports(kernel);
        var missing = kernels.Where(k => !supported[(int)k]).ToList();
        if (missing.Count > 0)
            HarkLogging.For("Hark.Tensors.Backends").LogInformation("hark: {Device} runs {Kernels} on the CPU (copies per call)", device.Device, string.Join(", ", missing));
    }

    public string Description => device.Description;
    public Device Device => device.Device;

    public bool Supports(BackendKernel kernel) => true;

    private bool Runs(BackendKernel kernel) => supported[(int)kernel];

    public Storage Allocate(int length, bool zeroed) => device.Allocate(length, zeroed);
    public void Fill(Tensor destination, float value) => device.Fill(destination, value);
    public void Copy(Tensor source, Tensor destination) => device.Copy(source, destination);

    public void AddInPlace(Tensor accumulator, Tensor addend)
    {
        if (Runs(BackendKernel.AddInPlace)) { device.AddInPlace(accumulator, addend); return; }
        using var host = new HostCopies();
        cpu.AddInPlace(host.Write(accumulator), host.Read(addend));
    }

    public void Unary(UnaryOp op, Tensor input, Tensor output, float alpha = 0f, float beta = 0f)
    {
        if (Runs(BackendKernel.Unary)) { device.Unary(op, input, output, alpha, beta); return; }
        using var host = new HostCopies();
        cpu.Unary(op, host.Read(input), host.Write(output), alpha, beta);
    }

    public void UnaryBackward(UnaryOp op, Tensor input, Tensor output, Tensor dOutput, Tensor dInput, float alpha = 0f, float beta = 0f)
    {
        if (Runs(BackendKernel.UnaryBackward)) { device.UnaryBackward(op, input, output, dOutput, dInput, alpha, beta); return; }
        using var host = new HostCopies();
        cpu.UnaryBackward(op, host.Read(input), host.Read(output), host.Read(dOutput), host.Write(dInput), alpha, beta);
    }

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor output)
    {
        if (Runs(BackendKernel.Binary)) { device.Binary(op, a, b, output); return; }
        using var host = new HostCopies();
        cpu.Binary(op, host.Read(a), host.Read(b), host.Write(output));
    }

    public void DropoutMask(Tensor mask, float p, ulong seed)
    {
        if (Runs(BackendKernel.DropoutMask)) { device.DropoutMask(mask, p, seed); return; }
        using var host = new HostCopies();
        cpu.DropoutMask(host.Write(mask), p, seed);
    }

    public void Gemm(in GemmDescriptor gemm, Tensor a, Tensor b, Tensor c)
    {
        if (Runs(BackendKernel.Gemm)) { device.Gemm(gemm, a, b, c); return; }
        using var host = new HostCopies();
        cpu.Gemm(gemm, host.Read(a), host.Read(b), host.Write(c));
    }

    public void AddRowBias(Tensor output, Tensor bias)
    {
        if (Runs(BackendKernel.AddRowBias)) { device.AddRowBias(output, bias); return; }
        using var host = new HostCopies();
        cpu.AddRowBias(host.Write(output), host.Read(bias));
    }

    public void AccumulateColumnSums(Tensor dOutput, Tensor dBias)
    {
        if (Runs(BackendKernel.AccumulateColumnSums)) { device.AccumulateColumnSums(dOutput, dBias); return; }
        using var host = new HostCopies();
        cpu.AccumulateColumnSums(host.Read(dOutput), host.Write(dBias));
    }

    public void Permute(Tensor input, Tensor output, int[] dims, bool accumulate)
    {
        if (Runs(BackendKernel.Permute)) { device.Permute(input, output, dims, accumulate); return; }
        using var host = new HostCopies();
        cpu.Permute(host.Read(input), host.Write(output), dims, accumulate);
    }

    public void CopyRegion(Tensor source, int[] sourceStart, Tensor destination, int[] destinationStart, int[] extent, bool accumulate)
    {
        if (Runs(BackendKernel.CopyRegion)) { device.CopyRegion(source, sourceStart, destination, destinationStart, extent, accumulate); return; }
        using var host = new HostCopies();
        cpu.CopyRegion(host.Read(source), sourceStart, host.Write(destination), destinationStart, extent, accumulate);
    }

    public void SumTo(Tensor input, Tensor output, float scale, bool accumulate)
    {
        if (Runs(BackendKernel.SumTo)) { device.SumTo(input, output, scale, accumulate); return; }
        using var host = new HostCopies();
        cpu.SumTo(host.Read(input), host.Write(output), scale, accumulate);
    }

    public void BroadcastTo(Tensor input, Tensor output, float scale, bool accumulate)
    {
        if (Runs(BackendKernel.BroadcastTo)) { device.BroadcastTo(input, output, scale, accumulate); return; }
        using var host = new HostCopies();
        cpu.BroadcastTo(host.Read(input), host.Write(output), scale, accumulate);
    }

    public void MaxAlongAxis(Tensor input, Tensor values, int outer, int length, int inner)
    {
        if (Runs(BackendKernel.MaxAlongAxis)) { device.MaxAlongAxis(input, values, outer, length, inner); return; }
        using var host = new HostCopies();
        cpu.MaxAlongAxis(host.Read(input), host.Write(values), outer, length, inner);
    }

    public void MaxAlongAxisBackward(Tensor input, Tensor values, Tensor dValues, Tensor dInput, int outer, int length, int inner)
    {
        if (Runs(BackendKernel.MaxAlongAxisBackward)) { device.MaxAlongAxisBackward(input, values, dValues, dInput, outer, length, inner); return; }
        using var host = new HostCopies();
        cpu.MaxAlongAxisBackward(host.Read(input), host.Read(values), host.Read(dValues), host.Write(dInput), outer, length, inner);
    }

    public void Softmax(Tensor input, Tensor output, int outer, int length, int inner, bool log)
    {
        if (Runs(BackendKernel.Softmax)) { device.Softmax(input, output, outer, length, inner, log); return; }
        using var host = new HostCopies();
        cpu.Softmax(host.Read(input), host.Write(output), outer, length, inner, log);
    }

    public void SoftmaxBackward(Tensor output, Tensor dOutput, Tensor dInput, int outer, int length, int inner, bool log)
    {
        if (Runs(BackendKernel.SoftmaxBackward)) { device.SoftmaxBackward(output, dOutput, dInput, outer, length, inner, log); return; }
        using var host = new HostCopies();
        cpu.SoftmaxBackward(host.Read(output), host.Read(dOutput), host.Write(dInput), outer, length, inner, log);
    }

    public void ClassIndexCrossEntropy(Tensor logProbabilities, int[] targets, Tensor? weight, float labelSmoothing, Tensor loss)
    {
        if (Runs(BackendKernel.ClassIndexCrossEntropy)) { device.ClassIndexCrossEntropy(logProbabilities, targets, weight, labelSmoothing, loss); return; }
        using var host = new HostCopies();
        cpu.ClassIndexCrossEntropy(host.Read(logProbabilities), targets, host.ReadOptional(weight), labelSmoothing, host.Write(loss));
    }

    public void ClassIndexCrossEntropyBackward(Tensor dLoss, int[] targets, Tensor? weight, float labelSmoothing, Tensor dLogProbabilities)
    {
        if (Runs(BackendKernel.ClassIndexCrossEntropyBackward)) { device.ClassIndexCrossEntropyBackward(dLoss, targets, weight, labelSmoothing, dLogProbabilities); return; }
        using var host = new HostCopies();
        cpu.ClassIndexCrossEntropyBackward(host.Read(dLoss), targets, host.ReadOptional(weight), labelSmoothing, host.Write(dLogProbabilities));
    }

    public void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps, float? activationSlope)
    {
        if (Runs(BackendKernel.BatchNormForwardTraining))
        {
            device.BatchNormForwardTraining(input, weight, bias, output, savedMean, savedInvStd, runningMean, runningVar, momentum, eps, activationSlope);
            return;
        }
        using var host = new HostCopies();
        cpu.BatchNormForwardTraining(host.Read(input), host.ReadOptional(weight), host.ReadOptional(bias), host.Write(output), host.Write(savedMean),
            host.Write(savedInvStd), host.WriteOptional(runningMean), host.WriteOptional(runningVar), momentum, eps, activationSlope);
    }

    public void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps, float? activationSlope)
    {
        if (Runs(BackendKernel.BatchNormForwardInference))
        {
            device.BatchNormForwardInference(input, runningMean, runningVar, weight, bias, output, savedMean, savedInvStd, eps, activationSlope);
            return;
        }
        using var host = new HostCopies();
        cpu.BatchNormForwardInference(host.Read(input), host.Read(runningMean), host.Read(runningVar), host.ReadOptional(weight), host.ReadOptional(bias),
            host.Write(output), host.Write(savedMean), host.Write(savedInvStd), eps, activationSlope);
    }

    public void BatchNormBackward(Tensor input, Tensor? weight, Tensor? bias, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, bool training, float? activationSlope)
    {
        if (Runs(BackendKernel.BatchNormBackward))
        {
            device.BatchNormBackward(input, weight, bias, savedMean, savedInvStd, dOutput, dInput, accumulateInput, dWeight, dBias, training, activationSlope);
            return;
        }
        using var host = new HostCopies();
        cpu.BatchNormBackward(host.Read(input), host.ReadOptional(weight), host.ReadOptional(bias), host.Read(savedMean), host.Read(savedInvStd),
            host.Read(dOutput), host.WriteOptional(dInput), accumulateInput, host.WriteOptional(dWeight), host.WriteOptional(dBias), training, activationSlope);
    }

    public void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows)
    {
        if (Runs(BackendKernel.MaxPool2dForward)) { device.MaxPool2dForward(input, output, windows); return; }
        using var host = new HostCopies();
        cpu.MaxPool2dForward(host.Read(input), host.Write(output), windows);
    }

    public void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows, bool accumulate)
    {
        if (Runs(BackendKernel.MaxPool2dBackward)) { device.MaxPool2dBackward(input, dOutput, dInput, windows, accumulate); return; }
        using var host = new HostCopies();
        cpu.MaxPool2dBackward(host.Read(input), host.Read(dOutput), host.Write(dInput), windows, accumulate);
    }

    public void AvgPool2dForward(Tensor input, Tensor output, PoolWindows windows)
    {
        if (Runs(BackendKernel.AvgPool2dForward)) { device.AvgPool2dForward(input, output, windows); return; }
        using var host = new HostCopies();
        cpu.AvgPool2dForward(host.Read(input), host.Write(output), windows);
    }

    public void AvgPool2dBackward(Tensor dOutput, Tensor dInput, PoolWindows windows)
    {
        if (Runs(BackendKernel.AvgPool2dBackward)) { device.AvgPool2dBackward(dOutput, dInput, windows); return; }
        using var host = new HostCopies();
        cpu.AvgPool2dBackward(host.Read(dOutput), host.Write(dInput), windows);
    }

    public void Conv2dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float? activationSlope)
    {
        if (Runs(BackendKernel.Conv2dForward)) { device.Conv2dForward(input, weight, bias, output, geometry, activationSlope); return; }
        using var host = new HostCopies();
        cpu.Conv2dForward(host.Read(input), host.Read(weight), host.ReadOptional(bias), host.Write(output), geometry, activationSlope);
    }

    public void Conv2dActivationMaxPoolForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float activationSlope)
    {
        if (Runs(BackendKernel.Conv2dActivationMaxPoolForward)) { device.Conv2dActivationMaxPoolForward(input, weight, bias, output, geometry, activationSlope); return; }
        using var host = new HostCopies();
        cpu.Conv2dActivationMaxPoolForward(host.Read(input), host.Read(weight), host.ReadOptional(bias), host.Write(output), geometry, activationSlope);
    }

    public void Conv2dBackward(Tensor input, Tensor weight, Tensor dOutput, Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, in Conv2dGeometry geometry)
    {
        if (Runs(BackendKernel.Conv2dBackward)) { device.Conv2dBackward(input, weight, dOutput, dInput, accumulateInput, dWeight, dBias, geometry); return; }
        using var host = new HostCopies();
        cpu.Conv2dBackward(host.Read(input), host.Read(weight), host.Read(dOutput), host.WriteOptional(dInput), accumulateInput,
            host.WriteOptional(dWeight), host.WriteOptional(dBias), geometry);
    }

    public void SgdStep(Tensor parameter, Tensor gradient, Tensor? momentumBuffer, in SgdStepArguments arguments)
    {
        if (Runs(BackendKernel.SgdStep)) { device.SgdStep(parameter, gradient, momentumBuffer, arguments); return; }
        using var host = new HostCopies();
        cpu.SgdStep(host.Write(parameter), host.Read(gradient), host.WriteOptional(momentumBuffer), arguments);
    }

    public void AdamStep(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, in AdamStepArguments arguments)
    {
        if (Runs(BackendKernel.AdamStep)) { device.AdamStep(parameter, gradient, expAvg, expAvgSq, arguments); return; }
        using var host = new HostCopies();
        cpu.AdamStep(host.Write(parameter), host.Read(gradient), host.Write(expAvg), host.Write(expAvgSq), arguments);
    }

    public double PowerSum(Tensor x, double p)
    {
        if (Runs(BackendKernel.PowerSum)) return device.PowerSum(x, p);
        using var host = new HostCopies();
        return cpu.PowerSum(host.Read(x), p);
    }

    public void ScaleInPlace(Tensor x, float factor)
    {
        if (Runs(BackendKernel.ScaleInPlace)) { device.ScaleInPlace(x, factor); return; }
        using var host = new HostCopies();
        cpu.ScaleInPlace(host.Write(x), factor);
    }

    public void EmaUpdate(Tensor average, Tensor value, float decay)
    {
        if (Runs(BackendKernel.EmaUpdate)) { device.EmaUpdate(average, value, decay); return; }
        using var host = new HostCopies();
        cpu.EmaUpdate(host.Write(average), host.Read(value), decay);
    }
}
