using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>Managed CPU kernels (SIMD via TensorPrimitives and System.Runtime.Intrinsics), with native BLAS where it wins.</summary>
internal sealed partial class CpuBackend : IBackend
{
    public CpuBackend(bool forceManaged)
    {
        ForceManaged = forceManaged;
    }

    /// <summary>True when native libraries are off limits for this process (see <see cref="BackendRegistry.ForceManagedVariable"/>).</summary>
    public bool ForceManaged { get; }

    public Device Device => Device.Cpu;

    public string Description => $"cpu (gemm: {Matrix.Description}, conv: {ConvolutionDescription}, simd: {SimdLevel}, threads: {Environment.ProcessorCount}{(ForceManaged ? ", managed only" : "")})";

    private static string SimdLevel =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512"
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256"
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128"
        : "scalar";

    /// <summary>The CPU runs every kernel: it is what the others fall back to.</summary>
    public bool Supports(BackendKernel kernel) => true;

    public Storage Allocate(int length, bool zeroed) => CpuStorage.Allocate(length, zeroed);

    public void Fill(Tensor destination, float value) => destination.Span.Fill(value);

    public void Copy(Tensor source, Tensor destination) => source.Span.CopyTo(destination.Span);

    public void AddInPlace(Tensor accumulator, Tensor addend) =>
        TensorPrimitives.Add(accumulator.Span, addend.Span, accumulator.Span);
}
