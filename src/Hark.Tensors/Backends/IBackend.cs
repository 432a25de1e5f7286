namespace Hark.Tensors.Backends;

/// <summary>
/// The kernels one device runs. Ops validate shapes, allocate outputs and record gradients; a backend only computes.
/// The interface is split by kernel family into partial files (IBackend.*.cs). A new device is a class implementing it,
/// registered with <see cref="BackendRegistry.Register"/> (from any assembly); a kernel it does not have is one its
/// <see cref="Supports"/> answers false for, and that call then runs on the CPU kernels (docs/backends.md).
/// </summary>
public partial interface IBackend
{
    /// <summary>What runs the kernels, e.g. "cpu (gemm: OpenBLAS, simd: Avx2, threads: 2)"; logged once when first used.</summary>
    string Description { get; }
    Device Device { get; }

    /// <summary>
    /// True when this backend runs <paramref name="kernel"/> itself. The dispatcher asks once per kernel when the backend is
    /// first used; a false answer sends every call of that kernel to the CPU kernels (its tensors copied to host memory
    /// and the written ones copied back).
    /// </summary>
    bool Supports(BackendKernel kernel);

    /// <summary>New memory for <paramref name="length"/> elements on this backend's device, zeroed when asked.</summary>
    Storage Allocate(int length, bool zeroed);

    void Fill(Tensor destination, float value);
    void Copy(Tensor source, Tensor destination);

    /// <summary>accumulator += addend, elementwise over equal element counts.</summary>
    void AddInPlace(Tensor accumulator, Tensor addend);
}
