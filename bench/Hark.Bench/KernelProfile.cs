using Hark.Tensors.Backends;

namespace Hark.Bench;

/// <summary>Prints the kernel times <see cref="KernelProfiler"/> gathered, when HARK_PROFILE_KERNELS=1, then starts it afresh.</summary>
internal static class KernelProfile
{
    public static void Print(string title)
    {
        if (!KernelProfiler.Enabled) return;
        Console.WriteLine($"== {title}");
        Console.WriteLine(KernelProfiler.Report());
        KernelProfiler.Reset();
    }
}
