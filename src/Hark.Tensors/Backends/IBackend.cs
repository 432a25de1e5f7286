namespace Hark.Tensors.Backends;

/// <summary>
/// The kernels one device runs. Ops validate shapes, allocate outputs and record gradients; a backend only computes.
/// The interface is split by kernel family into partial files (IBackend.*.cs); a new device (CUDA) is a new folder
/// under Backends/ implementing every family, with no change to ops, modules, losses or optimisers.
/// </summary>
public partial interface IBackend
{
    /// <summary>What runs the kernels, e.g. "cpu (gemm: OpenBLAS, simd: Avx2, threads: 2)"; logged once when first used.</summary>
    string Description { get; }
    Device Device { get; }

    Storage Allocate(int length, bool zeroed);

    /// <summary>A copy of <paramref name="source"/>'s elements (from any device) in this backend's memory.</summary>
    Storage CopyFrom(Tensor source);

    float[] ToArray(Tensor source);
    void Fill(Tensor destination, float value);
    void Copy(Tensor source, Tensor destination);

    /// <summary>accumulator += addend, elementwise over equal element counts.</summary>
    void AddInPlace(Tensor accumulator, Tensor addend);
}
