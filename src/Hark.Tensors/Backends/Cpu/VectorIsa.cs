using System.Runtime.Intrinsics.X86;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>The widest x86 vector instruction set a kernel may use, ordered from narrowest to widest.</summary>
internal enum VectorIsa
{
    Unknown,
    Sse,
    Avx,
    Avx2,
    Avx512,
}

/// <summary>What this CPU (as the runtime reports it, so DOTNET_EnableAVX512F=0 and friends count) can run.</summary>
internal static class CpuFeatures
{
    public static VectorIsa Widest { get; } =
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? VectorIsa.Avx512
        : Avx2.IsSupported && Fma.IsSupported ? VectorIsa.Avx2
        : Avx.IsSupported ? VectorIsa.Avx
        : Sse3.IsSupported ? VectorIsa.Sse
        : VectorIsa.Unknown;
}
