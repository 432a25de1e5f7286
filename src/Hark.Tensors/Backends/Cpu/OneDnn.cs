using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The parts of oneDNN's C API (Debian libdnnl2 2.6, the library PyTorch runs its CPU convolutions on) that
/// <see cref="OneDnnConvolution"/> uses, bound at run time so Hark runs without it. Descriptors are opaque buffers here:
/// Hark never reads their fields, only passes them back, so it does not depend on their exact layout.
/// </summary>
internal static unsafe partial class OneDnn
{
    private const string LibraryName = "libdnnl.so.2";
    public const int MemoryDescriptorBytes = 4096, OperationDescriptorBytes = 16384;
    public const int Float32 = 3, FormatAny = 1;
    public const int ForwardTraining = 64, BackwardData = 160, BackwardWeights = 192, ConvolutionDirect = 1, ConvolutionWinograd = 2;
    public const int QuerySource = 129, QueryDiffSource = 130, QueryWeights = 131, QueryDiffWeights = 132, QueryDestination = 133, QueryDiffDestination = 134;
    public const int ArgSource = 1, ArgDestination = 17, ArgWeights = 33, ArgBias = 41, ArgDiffSource = 129, ArgDiffDestination = 145, ArgDiffWeights = 161, ArgDiffBias = 169;
    private static readonly nint AllocateByLibrary = -1;

    [StructLayout(LayoutKind.Sequential)]
    public struct ExecArg
    {
        public int Arg;
        public nint Memory;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct VersionInfo
    {
        public int Major, Minor, Patch;
    }

    static OneDnn()
    {
        // oneDNN runs on OpenMP; between its calls Hark's own threads run batch norm, pooling and elementwise kernels on the
        // same cores, and OpenMP's default of spinning idle threads took those cores from them (seed-000 training step
        // 629 cpu-ms with the default, 424 with passive waiting)
        NativeEnvironment.SetDefault("OMP_WAIT_POLICY", "passive");
        if (!NativeLibrary.TryLoad(LibraryName, out _)) return;
        nint engine;
        if (dnnl_engine_create(&engine, 1, 0) != 0) return;
        Engine = engine;
        var v = dnnl_version();
        Version = $"oneDNN {v->Major}.{v->Minor}.{v->Patch}";
    }

    public static bool IsAvailable => Engine != 0;

    public static string Version { get; } = "oneDNN (not loaded)";

    public static nint Engine { get; }

    [ThreadStatic]
    private static nint stream;

    /// <summary>The calling thread's stream (in practice only <see cref="OneDnnThread"/> calls): a stream may not be shared between threads.</summary>
    private static nint Stream
    {
        get
        {
            if (stream == 0)
            {
                nint created;
                Check(dnnl_stream_create(&created, Engine, 1), "stream");
                stream = created;
            }
            return stream;
        }
    }

    /// <summary>A row-major (plain) float32 descriptor of <paramref name="shape"/>, in a buffer that lives as long as the process.</summary>
    public static void* Plain(ReadOnlySpan<long> shape)
    {
        void* descriptor = NativeMemory.AllocZeroed(MemoryDescriptorBytes);
        Span<long> strides = stackalloc long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        fixed (long* dims = shape, s = strides)
            Check(dnnl_memory_desc_init_by_strides(descriptor, shape.Length, dims, Float32, s), "plain memory descriptor");
        return descriptor;
    }

    /// <summary>A float32 descriptor of <paramref name="shape"/> whose layout the primitive chooses (blocked, as a rule).</summary>
    public static void* Any(ReadOnlySpan<long> shape)
    {
        void* descriptor = NativeMemory.AllocZeroed(MemoryDescriptorBytes);
        fixed (long* dims = shape)
            Check(dnnl_memory_desc_init_by_tag(descriptor, shape.Length, dims, Float32, FormatAny), "memory descriptor");
        return descriptor;
    }

    public static nint PrimitiveDescriptor(void* operation, nint hint)
    {
        nint pd;
        Check(dnnl_primitive_desc_create(&pd, operation, 0, Engine, hint), "primitive descriptor");
        return pd;
    }

    public static nint Primitive(nint pd)
    {
        nint primitive;
        Check(dnnl_primitive_create(&primitive, pd), "primitive");
        return primitive;
    }

    public static void* Query(nint pd, int what) => dnnl_primitive_desc_query_md(pd, what, 0);

    public static bool SameLayout(void* a, void* b) => dnnl_memory_desc_equal(a, b) != 0;

    /// <summary>A memory object over a caller's buffer (set per call with <see cref="SetHandle"/>), or one the library allocates.</summary>
    public static nint Memory(void* descriptor, bool libraryAllocated)
    {
        nint memory;
        Check(dnnl_memory_create(&memory, descriptor, Engine, libraryAllocated ? (void*)AllocateByLibrary : null), "memory");
        return memory;
    }

    public static void SetHandle(nint memory, void* data) => Check(dnnl_memory_set_data_handle(memory, data), "memory handle");

    /// <summary>The buffer of a memory object (one the library allocated, for instance).</summary>
    public static float* Data(nint memory)
    {
        void* data;
        Check(dnnl_memory_get_data_handle(memory, &data), "memory data");
        return (float*)data;
    }

    /// <summary>
    /// The channel block (16 or 8) where <paramref name="descriptor"/> lays out [N, C, H, W] <paramref name="shape"/> as
    /// nChw16c or nChw8c ([N][C / block][H][W][block], the layouts oneDNN's x86 convolutions write), 0 for any other layout.
    /// </summary>
    public static int ChannelBlock(void* descriptor, ReadOnlySpan<long> shape)
    {
        if (shape.Length != 4) return 0;
        foreach (var (block, tag) in ChannelBlockedTags.Value)
        {
            if (tag < 0) continue;
            void* blocked = NativeMemory.AllocZeroed(MemoryDescriptorBytes);
            try
            {
                fixed (long* dims = shape)
                    if (dnnl_memory_desc_init_by_tag(blocked, shape.Length, dims, Float32, tag) == 0 && SameLayout(descriptor, blocked)) return block;
            }
            finally
            {
                NativeMemory.Free(blocked);
            }
        }
        return 0;
    }

    // the format tags of nChw16c and nChw8c, found by name (dnnl_fmt_tag2str) rather than by their place in the library's enum
    private static readonly Lazy<(int Block, int Tag)[]> ChannelBlockedTags = new(() => [(16, TagNamed("aBcd16b")), (8, TagNamed("aBcd8b"))]);

    private static int TagNamed(string name)
    {
        for (int tag = 0; tag < 4096; tag++)
            if (Marshal.PtrToStringAnsi(dnnl_fmt_tag2str(tag)) == name) return tag;
        return -1;
    }

    public static nint Reorder(void* from, void* to)
    {
        nint pd;
        Check(dnnl_reorder_primitive_desc_create(&pd, from, Engine, to, Engine, 0), "reorder");
        return Primitive(pd);
    }

    public static void Execute(nint primitive, ReadOnlySpan<ExecArg> arguments)
    {
        fixed (ExecArg* args = arguments)
            Check(dnnl_primitive_execute(primitive, Stream, arguments.Length, args), "execute");
    }

    /// <summary>Waits for the primitives executed so far (on the CPU engine they have run already; this keeps that an explicit guarantee).</summary>
    public static void Wait() => Check(dnnl_stream_wait(Stream), "stream wait");

    public static void Check(int status, string what)
    {
        if (status != 0) throw new OneDnnException($"oneDNN {what} failed with status {status}");
    }

    [LibraryImport(LibraryName)] private static partial int dnnl_engine_create(nint* engine, int kind, nuint index);
    [LibraryImport(LibraryName)] private static partial int dnnl_stream_create(nint* stream, nint engine, uint flags);
    [LibraryImport(LibraryName)] private static partial VersionInfo* dnnl_version();
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_desc_init_by_strides(void* md, int ndims, long* dims, int dataType, long* strides);
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_desc_init_by_tag(void* md, int ndims, long* dims, int dataType, int tag);
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_desc_equal(void* lhs, void* rhs);
    [LibraryImport(LibraryName)] private static partial int dnnl_primitive_desc_create(nint* pd, void* operation, nint attributes, nint engine, nint hint);
    [LibraryImport(LibraryName)] private static partial void* dnnl_primitive_desc_query_md(nint pd, int what, int index);
    [LibraryImport(LibraryName)] private static partial int dnnl_primitive_create(nint* primitive, nint pd);
    [LibraryImport(LibraryName)] private static partial int dnnl_primitive_execute(nint primitive, nint stream, int count, ExecArg* arguments);
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_create(nint* memory, void* md, nint engine, void* handle);
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_set_data_handle(nint memory, void* handle);
    [LibraryImport(LibraryName)] private static partial int dnnl_stream_wait(nint stream);
    [LibraryImport(LibraryName)] private static partial int dnnl_memory_get_data_handle(nint memory, void** handle);
    [LibraryImport(LibraryName)] private static partial nint dnnl_fmt_tag2str(int tag);
    [LibraryImport(LibraryName)] private static partial int dnnl_reorder_primitive_desc_create(nint* pd, void* from, nint fromEngine, void* to, nint toEngine, nint attributes);

    [LibraryImport(LibraryName)]
    public static partial int dnnl_dilated_convolution_forward_desc_init(void* desc, int propKind, int algorithm, void* source, void* weights, void* bias,
        void* destination, long* strides, long* dilates, long* paddingLeft, long* paddingRight);

    [LibraryImport(LibraryName)]
    public static partial int dnnl_dilated_convolution_backward_data_desc_init(void* desc, int algorithm, void* diffSource, void* weights, void* diffDestination,
        long* strides, long* dilates, long* paddingLeft, long* paddingRight);

    [LibraryImport(LibraryName)]
    public static partial int dnnl_dilated_convolution_backward_weights_desc_init(void* desc, int algorithm, void* source, void* diffWeights, void* diffBias,
        void* diffDestination, long* strides, long* dilates, long* paddingLeft, long* paddingRight);
}

/// <summary>A oneDNN call refused a convolution (an unsupported shape): the caller falls back to im2col + GEMM for it.</summary>
internal sealed class OneDnnException(string message) : Exception(message);
