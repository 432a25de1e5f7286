using ILGPU.Algorithms;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Hark.Cuda;

/// <summary>
/// The engine's kernels as ILGPU kernels (<c>Kernels/</c>), compiled to PTX for an NVIDIA GPU, or run on ILGPU's CPU
/// accelerator (<see cref="OnCpuAccelerator"/>) so CI checks the same kernels without a GPU. GEMM goes to cuBLAS when the
/// device is a GPU and the library loads, else to the ILGPU tiled kernel. Kernels are compiled on first use and kept per
/// backend (one per accelerator); everything runs on the accelerator's one stream, and nothing waits for the device
/// except the copies to the host. The interface is split by kernel family as <see cref="IBackend"/> is.
/// </summary>
public sealed partial class CudaBackend : IBackend, IDisposable
{
    public const string DeviceType = "cuda";

    private readonly Context context;
    private readonly Accelerator accelerator;
    private readonly KernelCache kernels;
    private readonly CuBlas? blas;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> placeholder;

    private CudaBackend(Device device, Context context, Accelerator accelerator, CuBlas? blas)
    {
        Device = device;
        this.context = context;
        this.accelerator = accelerator;
        this.blas = blas;
        kernels = new KernelCache(accelerator);
        Pool = new CudaMemoryPool(accelerator);
        placeholder = accelerator.Allocate1D<float>(1);
        string gemm = blas is null ? "ILGPU tiled kernel" : "cuBLAS";
        Description = accelerator is CudaAccelerator cuda
            ? $"{device} ({accelerator.Name}, {cuda.Architecture}, ILGPU PTX kernels, gemm: {gemm})"
            : $"{device} (ILGPU CPU accelerator: the CUDA backend's kernels run on the CPU, gemm: {gemm})";
    }

    /// <summary>
    /// The backend of CUDA device <paramref name="index"/>; throws <see cref="CudaUnavailableException"/> naming what is
    /// missing (the driver library, a device) when there is none.
    /// </summary>
    public static CudaBackend Open(int index)
    {
        var probe = CudaProbe.Run(index);
        if (!probe.Usable) throw new CudaUnavailableException(probe.Explanation);
        var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        var accelerator = context.GetCudaDevice(index).CreateAccelerator(context);
        return new CudaBackend(new Device(DeviceType, index), context, accelerator, CuBlas.TryCreate(accelerator));
    }

    /// <summary>The same kernels on ILGPU's CPU accelerator, for <paramref name="device"/> (tests register it under a name of their own).</summary>
    public static CudaBackend OnCpuAccelerator(Device device)
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new CudaBackend(device, context, context.CreateCPUAccelerator(0), blas: null);
    }

    /// <summary>Makes "cuda" devices usable through <see cref="BackendRegistry"/> (once per process; later calls do nothing).</summary>
    public static void Register()
    {
        lock (typeof(CudaBackend))
            if (!BackendRegistry.IsRegistered(DeviceType)) BackendRegistry.Register(DeviceType, Open);
    }

    public string Description { get; }
    public Device Device { get; }

    /// <summary>Every kernel of <see cref="IBackend"/> has an ILGPU kernel here.</summary>
    public bool Supports(BackendKernel kernel) => true;

    internal AcceleratorStream Stream => accelerator.DefaultStream;
    internal CudaMemoryPool Pool { get; }

    /// <summary>Makes this accelerator current on the calling thread (a CUDA context is per thread).</summary>
    internal void Bind()
    {
        if (Accelerator.Current != accelerator) accelerator.Bind();
    }

    public Storage Allocate(int length, bool zeroed)
    {
        Bind();
        var storage = new CudaStorage(this, Pool.Rent(length), length);
        if (zeroed && length > 0) Launch(length, kernels.Load<ArrayView<float>, float>(ElementwiseKernels.Fill), storage.View, 0f);
        return storage;
    }

    public void Fill(Tensor destination, float value) => Launch(destination.Numel, kernels.Load<ArrayView<float>, float>(ElementwiseKernels.Fill), View(destination), value);

    public void Copy(Tensor source, Tensor destination) =>
        Launch(source.Numel, kernels.Load<ArrayView<float>, ArrayView<float>>(ElementwiseKernels.Copy), View(source), View(destination));

    public void AddInPlace(Tensor accumulator, Tensor addend) =>
        Launch(accumulator.Numel, kernels.Load<ArrayView<float>, ArrayView<float>>(ElementwiseKernels.AddInPlace), View(accumulator), View(addend));

    /// <summary>The tensor's elements as a kernel argument.</summary>
    private ArrayView<float> View(Tensor tensor) => tensor.Storage is CudaStorage storage && storage.Device == Device
        ? storage.View
        : throw new InvalidOperationException($"{Device}: a kernel was given a tensor on {tensor.Device}; move it with .To({Device}) first");

    /// <summary>The tensor's elements, or a one-element placeholder for an absent optional tensor (the kernel's flag says which).</summary>
    private ArrayView<float> ViewOrPlaceholder(Tensor? tensor) => tensor is null ? placeholder.View : View(tensor);

    /// <summary>A temporary device buffer for one call (its memory goes back to the pool when disposed).</summary>
    private Scratch Temporary(int length) => new(this, length);

    private sealed class Scratch(CudaBackend backend, int length) : IDisposable
    {
        private readonly MemoryBuffer1D<float, Stride1D.Dense> buffer = backend.Pool.Rent(length);
        public ArrayView<float> View => buffer.View.SubView(0, length);
        public void Dispose() => backend.Pool.Return(buffer);
    }

    private void Launch<T1, T2>(int threads, Action<Index1D, T1, T2> kernel, T1 a1, T2 a2)
        where T1 : struct where T2 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2);
    }

    private void Launch<T1, T2, T3>(int threads, Action<Index1D, T1, T2, T3> kernel, T1 a1, T2 a2, T3 a3)
        where T1 : struct where T2 : struct where T3 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3);
    }

    private void Launch<T1, T2, T3, T4>(int threads, Action<Index1D, T1, T2, T3, T4> kernel, T1 a1, T2 a2, T3 a3, T4 a4)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4);
    }

    private void Launch<T1, T2, T3, T4, T5>(int threads, Action<Index1D, T1, T2, T3, T4, T5> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5);
    }

    private void Launch<T1, T2, T3, T4, T5, T6>(int threads, Action<Index1D, T1, T2, T3, T4, T5, T6> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5, a6);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7>(int threads, Action<Index1D, T1, T2, T3, T4, T5, T6, T7> kernel,
        T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5, a6, a7);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8>(int threads, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> kernel,
        T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5, a6, a7, a8);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9>(int threads, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel,
        T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
        where T9 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(int threads, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel,
        T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
        where T9 : struct where T10 : struct
    {
        if (threads <= 0) return;
        Bind();
        kernel(threads, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    }

    public void Dispose()
    {
        blas?.Dispose();
        accelerator.Dispose();
        context.Dispose();
    }
}
