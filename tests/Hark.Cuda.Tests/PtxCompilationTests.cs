using System.Reflection;
using Hark.Cuda.Kernels;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Hark.Cuda.Tests;

/// <summary>
/// Every kernel compiles to PTX for an H100 (sm_90) with no GPU present, so a construct that ILGPU's CPU accelerator
/// runs but the PTX backend rejects fails here rather than on the GPU machine.
/// </summary>
public class PtxCompilationTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var method in KernelMethods()) data.Add($"{method.DeclaringType!.Name}.{method.Name}");
        return data;
    }

    private static IEnumerable<MethodInfo> KernelMethods() =>
        typeof(Dims).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Dims).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(Index1D))
            .OrderBy(m => m.DeclaringType!.Name).ThenBy(m => m.Name);

    [Theory]
    [MemberData(nameof(Kernels))]
    public void KernelCompilesToPtxForSm90(string kernel)
    {
        var method = KernelMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == kernel);
        using var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        Assert.Contains(".entry", compiled.PTXAssembly);
    }

    [Fact]
    public void EveryKernelFamilyIsCompiled() => Assert.True(KernelMethods().Count() >= 30, $"found {KernelMethods().Count()} kernels");
}
