using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Tests.Backends;

/// <summary>OpenBLAS kernel sets are judged by the vector instructions they use against the CPU's, never by CPU model.</summary>
public class OpenBlasCoreTests
{
    [Theory]
    [InlineData("Prescott", "Avx512", true)]
    [InlineData("Prescott", "Avx2", true)]
    [InlineData("Sandybridge", "Avx512", true)]
    [InlineData("Haswell", "Avx512", true)]
    [InlineData("Zen", "Avx2", false)]
    [InlineData("Cooperlake", "Avx512", false)]
    [InlineData("SkylakeX", "Avx2", false)]
    [InlineData("Prescott", "Sse", false)]
    [InlineData("SomeFutureCore", "Avx512", false)]
    public void AKernelSetLagsOnlyWhenItIsKnownAndNarrowerThanTheCpu(string core, string cpu, bool lags)
    {
        Assert.Equal(lags, OpenBlasCore.LagsBehind(core, Enum.Parse<VectorIsa>(cpu)));
    }

    [Theory]
    [InlineData("Avx512", "SkylakeX")]
    [InlineData("Avx2", "Haswell")]
    [InlineData("Avx", "Sandybridge")]
    public void TheRequestedKernelSetUsesExactlyTheCpusWidestInstructions(string cpu, string core)
    {
        var isa = Enum.Parse<VectorIsa>(cpu);
        Assert.Equal(core, OpenBlasCore.For(isa));
        Assert.Equal(isa, OpenBlasCore.IsaOf(core));
    }

    [Fact]
    public void TheLoadedLibraryNeverRunsKernelsNarrowerThanTheCpuUnlessToldTo()
    {
        if (!OpenBlas.IsAvailable || Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is not null) return;
        Assert.False(OpenBlas.LagsBehindCpu, $"OpenBLAS runs {OpenBlas.Selection} on a CPU with {CpuFeatures.Widest}");
    }
}
