using Hark.Tensors;
using Hark.Tensors.Backends;

namespace Hark.Testing;

/// <summary>
/// A test-only device, "checked", that stands in for a GPU on a machine without one. Its memory is not host memory:
/// <c>Tensor.Span</c> on its tensors throws, every copy to the host is counted (<see cref="HostReads"/>) and a freed
/// storage refuses to be read, so a test proves that code reaches device tensors only through kernels and the transfers it
/// means to make. It runs a few kernel families itself (the CPU kernels over its own arrays) and claims no others, so
/// the rest go through the registry's per-call fallback to the CPU. Registered once per process by <see cref="Device"/>.
/// </summary>
public sealed class CheckedBackend : IBackend
{
    public const string DeviceType = "checked";

    private static readonly Lazy<Device> registered = new(() =>
    {
        BackendRegistry.Register(DeviceType, index => new CheckedBackend(new Device(DeviceType, index)));
        return new Device(DeviceType);
    });

    private static long hostReads, frees;

    /// <summary>The kernels this backend runs itself; every other one falls back to the CPU per call.</summary>
    public static readonly IReadOnlySet<BackendKernel> OwnKernels = new HashSet<BackendKernel>
    {
        BackendKernel.AddInPlace, BackendKernel.Unary, BackendKernel.UnaryBackward, BackendKernel.Binary, BackendKernel.Gemm,
        BackendKernel.AddRowBias, BackendKernel.AccumulateColumnSums, BackendKernel.DropoutMask, BackendKernel.AdamStep,
    };

    private CheckedBackend(Device device) => Device = device;

    /// <summary>The first "checked" device, registering the backend on first use.</summary>
    public static Device Device0 => registered.Value;

    /// <summary>Copies of checked storages into host memory so far in this process (kernel fallbacks included).</summary>
    public static long HostReads => Interlocked.Read(ref hostReads);

    /// <summary>Checked storages given back (by autograd or a memory scope) so far in this process.</summary>
    public static long Frees => Interlocked.Read(ref frees);

    public string Description => $"{DeviceType} (CPU kernels over private arrays for {OwnKernels.Count} kernels; the rest fall back)";
    public Device Device { get; }

    public bool Supports(BackendKernel kernel) => OwnKernels.Contains(kernel);

    public Storage Allocate(int length, bool zeroed) => new CheckedStorage(Device, length);

    public void Fill(Tensor destination, float value) => BackendRegistry.Cpu.Fill(Host(destination), value);
    public void Copy(Tensor source, Tensor destination) => BackendRegistry.Cpu.Copy(Host(source), Host(destination));
    public void AddInPlace(Tensor accumulator, Tensor addend) => BackendRegistry.Cpu.AddInPlace(Host(accumulator), Host(addend));

    public void Unary(UnaryOp op, Tensor input, Tensor output, float alpha = 0f, float beta = 0f) =>
        BackendRegistry.Cpu.Unary(op, Host(input), Host(output), alpha, beta);

    public void UnaryBackward(UnaryOp op, Tensor input, Tensor output, Tensor dOutput, Tensor dInput, float alpha = 0f, float beta = 0f) =>
        BackendRegistry.Cpu.UnaryBackward(op, Host(input), Host(output), Host(dOutput), Host(dInput), alpha, beta);

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor output) => BackendRegistry.Cpu.Binary(op, Host(a), Host(b), Host(output));
    public void DropoutMask(Tensor mask, float p, ulong seed) => BackendRegistry.Cpu.DropoutMask(Host(mask), p, seed);
    public void Gemm(in GemmDescriptor gemm, Tensor a, Tensor b, Tensor c) => BackendRegistry.Cpu.Gemm(gemm, Host(a), Host(b), Host(c));
    public void AddRowBias(Tensor output, Tensor bias) => BackendRegistry.Cpu.AddRowBias(Host(output), Host(bias));
    public void AccumulateColumnSums(Tensor dOutput, Tensor dBias) => BackendRegistry.Cpu.AccumulateColumnSums(Host(dOutput), Host(dBias));

    public void AdamStep(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, in AdamStepArguments arguments) =>
        BackendRegistry.Cpu.AdamStep(Host(parameter), Host(gradient), Host(expAvg), Host(expAvgSq), arguments);

    /// <summary>A CPU tensor over the same private array: how this backend's own kernels run (no copy, no host read counted).</summary>
    private static Tensor Host(Tensor tensor) => new(new CpuStorage(((CheckedStorage)tensor.Storage).Elements), tensor.Shape);

    private static NotSupportedException NotOwn(string kernel) => new($"{DeviceType} does not run {kernel}: the dispatcher should have sent it to the CPU");

    public void Permute(Tensor input, Tensor output, int[] dims, bool accumulate) => throw NotOwn(nameof(Permute));
    public void CopyRegion(Tensor source, int[] sourceStart, Tensor destination, int[] destinationStart, int[] extent, bool accumulate) => throw NotOwn(nameof(CopyRegion));
    public void SumTo(Tensor input, Tensor output, float scale, bool accumulate) => throw NotOwn(nameof(SumTo));
    public void BroadcastTo(Tensor input, Tensor output, float scale, bool accumulate) => throw NotOwn(nameof(BroadcastTo));
    public void MaxAlongAxis(Tensor input, Tensor values, int outer, int length, int inner) => throw NotOwn(nameof(MaxAlongAxis));
    public void MaxAlongAxisBackward(Tensor input, Tensor values, Tensor dValues, Tensor dInput, int outer, int length, int inner) => throw NotOwn(nameof(MaxAlongAxisBackward));
    public void Softmax(Tensor input, Tensor output, int outer, int length, int inner, bool log) => throw NotOwn(nameof(Softmax));
    public void SoftmaxBackward(Tensor output, Tensor dOutput, Tensor dInput, int outer, int length, int inner, bool log) => throw NotOwn(nameof(SoftmaxBackward));
    public void ClassIndexCrossEntropy(Tensor logProbabilities, int[] targets, Tensor? weight, float labelSmoothing, Tensor loss) => throw NotOwn(nameof(ClassIndexCrossEntropy));
    public void ClassIndexCrossEntropyBackward(Tensor dLoss, int[] targets, Tensor? weight, float labelSmoothing, Tensor dLogProbabilities) => throw NotOwn(nameof(ClassIndexCrossEntropyBackward));

    public void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps, float? activationSlope) => throw NotOwn(nameof(BatchNormForwardTraining));

    public void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps, float? activationSlope) => throw NotOwn(nameof(BatchNormForwardInference));

    public void BatchNormBackward(Tensor input, Tensor? weight, Tensor? bias, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, bool training, float? activationSlope) => throw NotOwn(nameof(BatchNormBackward));

    public void MaxPool2dForward(Tensor input, Tensor output, PoolWindows windows) => throw NotOwn(nameof(MaxPool2dForward));
    public void MaxPool2dBackward(Tensor input, Tensor dOutput, Tensor dInput, PoolWindows windows, bool accumulate) => throw NotOwn(nameof(MaxPool2dBackward));
    public void AvgPool2dForward(Tensor input, Tensor output, PoolWindows windows) => throw NotOwn(nameof(AvgPool2dForward));
    public void AvgPool2dBackward(Tensor dOutput, Tensor dInput, PoolWindows windows) => throw NotOwn(nameof(AvgPool2dBackward));
    public void Conv2dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float? activationSlope) => throw NotOwn(nameof(Conv2dForward));
    public void Conv2dActivationMaxPoolForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float activationSlope) =>
        throw NotOwn(nameof(Conv2dActivationMaxPoolForward));
    public void Conv2dBackward(Tensor input, Tensor weight, Tensor dOutput, Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, in Conv2dGeometry geometry) => throw NotOwn(nameof(Conv2dBackward));
    public void SgdStep(Tensor parameter, Tensor gradient, Tensor? momentumBuffer, in SgdStepArguments arguments) => throw NotOwn(nameof(SgdStep));
    public double PowerSum(Tensor x, double p) => throw NotOwn(nameof(PowerSum));
    public void ScaleInPlace(Tensor x, float factor) => throw NotOwn(nameof(ScaleInPlace));
    public void EmaUpdate(Tensor average, Tensor value, float decay) => throw NotOwn(nameof(EmaUpdate));

    /// <summary>Memory of the checked device: a private array the host reaches only through the counted copies.</summary>
    private sealed class CheckedStorage(Device device, int length) : Storage
    {
        private float[]? elements = new float[length];

        public override int Length => length;
        public override Device Device => device;

        public float[] Elements => elements ?? throw new InvalidOperationException($"{device} storage of {length} elements: used after it was freed");

        public override void CopyToHost(Span<float> destination)
        {
            Interlocked.Increment(ref hostReads);
            Elements.CopyTo(destination);
        }

        public override void CopyFromHost(ReadOnlySpan<float> source) => source.CopyTo(Elements);

        protected override void Free()
        {
            Interlocked.Increment(ref frees);
            elements = null;
        }
    }
}
