using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Tests.Backends;

/// <summary>OpenBLAS kernel sets are judged by the vector instructions they use against the CPU's, never by CPU model.</summary>
public class OpenBlasCoreTests
{
    [Theory]
    [InlineData("Prescott", VectorIsa.Avx512, true)]
    [InlineData("Prescott", VectorIsa.Avx2, true)]
    [InlineData("Sandybridge", VectorIsa.Avx512, true)]
    [InlineData("Haswell", VectorIsa.Avx512, true)]
    [InlineData("Zen", VectorIsa.Avx2, false)]
    [InlineData("Cooperlake", VectorIsa.Avx512, false)]
    [InlineData("SkylakeX", VectorIsa.Avx2, false)]
    [InlineData("Prescott", VectorIsa.Sse, false)]
    [InlineData("SomeFutureCore", VectorIsa.Avx512, false)]
    public void A_kernel_set_lags_only_when_it_is_known_and_narrower_than_the_cpu(string core, VectorIsa cpu, bool lags)
    {
        Assert.Equal(lags, OpenBlasCore.LagsBehind(core, cpu));
    }

    [Theory]
    [InlineData(VectorIsa.Avx512, "SkylakeX")]
    [InlineData(VectorIsa.Avx2, "Haswell")]
    [InlineData(VectorIsa.Avx, "Sandybridge")]
    public void The_requested_kernel_set_uses_exactly_the_cpus_widest_instructions(VectorIsa cpu, string core)
    {
        Assert.Equal(core, OpenBlasCore.For(cpu));
        Assert.Equal(cpu, OpenBlasCore.IsaOf(core));
    }

    [Fact]
    public void The_loaded_library_never_runs_kernels_narrower_than_the_cpu_unless_told_to()
    {
        if (!OpenBlas.IsAvailable || Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is not null) return;
        Assert.False(OpenBlas.LagsBehindCpu, $"OpenBLAS runs {OpenBlas.Selection} on a CPU with {CpuFeatures.Widest}");
    }
}
