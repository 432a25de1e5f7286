namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// OpenBLAS's x86-64 kernel sets (the names openblas_get_corename returns and OPENBLAS_CORETYPE accepts) by the vector
/// instructions they use. A DYNAMIC_ARCH OpenBLAS picks its set from a table of CPU models, and a model newer than the
/// library falls back to an old set (Debian's 0.3.21 runs an Intel Xeon model 207 with its SSE3 `Prescott` kernels,
/// 43-60 GFLOP/s instead of 290 with `SkylakeX`), so Hark compares the set it got with what the CPU's features allow.
/// </summary>
internal static class OpenBlasCore
{
    private static readonly Dictionary<string, VectorIsa> KernelSets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Prescott"] = VectorIsa.Sse, ["Core2"] = VectorIsa.Sse, ["Penryn"] = VectorIsa.Sse, ["Dunnington"] = VectorIsa.Sse,
        ["Nehalem"] = VectorIsa.Sse, ["Atom"] = VectorIsa.Sse, ["Nano"] = VectorIsa.Sse, ["Barcelona"] = VectorIsa.Sse,
        ["Opteron"] = VectorIsa.Sse, ["Opteron(SSE3)"] = VectorIsa.Sse, ["Bobcat"] = VectorIsa.Sse,
        ["Sandybridge"] = VectorIsa.Avx, ["Bulldozer"] = VectorIsa.Avx, ["Piledriver"] = VectorIsa.Avx,
        ["Steamroller"] = VectorIsa.Avx, ["Excavator"] = VectorIsa.Avx,
        ["Haswell"] = VectorIsa.Avx2, ["Zen"] = VectorIsa.Avx2,
        ["SkylakeX"] = VectorIsa.Avx512, ["Cooperlake"] = VectorIsa.Avx512, ["SapphireRapids"] = VectorIsa.Avx512,
    };

    /// <summary>The instruction set a kernel set uses; Unknown for a name this table does not hold (a newer library's).</summary>
    public static VectorIsa IsaOf(string coreName) => KernelSets.GetValueOrDefault(coreName, VectorIsa.Unknown);

    /// <summary>The kernel set to ask for on a CPU whose widest vector instructions are <paramref name="isa"/>, or null to keep OpenBLAS's choice.</summary>
    public static string? For(VectorIsa isa) => isa switch
    {
        VectorIsa.Avx512 => "SkylakeX",
        VectorIsa.Avx2 => "Haswell",
        VectorIsa.Avx => "Sandybridge",
        _ => null,
    };

    /// <summary>True when OpenBLAS chose a known kernel set narrower than what the CPU can run.</summary>
    public static bool LagsBehind(string coreName, VectorIsa cpu)
    {
        var isa = IsaOf(coreName);
        return isa != VectorIsa.Unknown && isa < cpu && For(cpu) is not null;
    }
}
