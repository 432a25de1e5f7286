namespace Hark.Cuda;

/// <summary>
/// Device memory of one tensor: an ILGPU buffer on the backend's accelerator (GPU memory, or host memory on the CPU
/// accelerator). Copies to and from the host go through the backend's one stream and wait for it; a freed buffer goes
/// back to the backend's <see cref="CudaMemoryPool"/>, since allocating and freeing GPU memory synchronises the device.
/// </summary>
public sealed class CudaStorage : Storage
{
    private readonly CudaBackend backend;
    private MemoryBuffer1D<float, Stride1D.Dense>? buffer;

    internal CudaStorage(CudaBackend backend, MemoryBuffer1D<float, Stride1D.Dense> buffer, int length)
    {
        this.backend = backend;
        this.buffer = buffer;
        Length = length;
    }

    public override int Length { get; }
    public override Device Device => backend.Device;

    /// <summary>The elements as a kernel argument (the pooled buffer may be longer than <see cref="Length"/>).</summary>
    public ArrayView<float> View => (buffer ?? throw new InvalidOperationException($"{Device} storage of {Length} elements: used after it was freed")).View.SubView(0, Length);

    public override void CopyToHost(Span<float> destination)
    {
        if (Length == 0) return;
        backend.Bind();
        View.CopyToCPU(backend.Stream, destination[..Length]);
        backend.Stream.Synchronize();
    }

    public override void CopyFromHost(ReadOnlySpan<float> source)
    {
        if (Length == 0) return;
        backend.Bind();
        View.CopyFromCPU(backend.Stream, source[..Length]);
        backend.Stream.Synchronize();
    }

    protected override void Free()
    {
        var released = Interlocked.Exchange(ref buffer, null);
        if (released is not null) backend.Pool.Return(released);
    }
}
