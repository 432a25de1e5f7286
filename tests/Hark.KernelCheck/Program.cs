using Hark.KernelCheck;
using Hark.Tensors.Backends;

// Compares the kernels of the backend this process picked (SIMD tier and OpenBLAS follow the environment) with the
// float64 reference kernels. The last line is "mismatches=<count>"; the exit code is 0 only when it is 0.
// With the argument "repeat" it prints "threads=<count> hash=<SHA-256 of the parallel kernels' results>" instead.
if (args is ["repeat"])
{
    Console.WriteLine($"threads={Environment.ProcessorCount} hash={RepeatabilityProbe.Hash(BackendRegistry.Cpu)}");
    return 0;
}
var comparisons = new KernelComparisons(BackendRegistry.Cpu, Console.WriteLine);
int mismatches = comparisons.RunAll();
Console.WriteLine($"backend={BackendRegistry.Cpu.Description}");
Console.WriteLine($"checked={comparisons.Checked}");
Console.WriteLine($"mismatches={mismatches}");
return mismatches == 0 ? 0 : 1;
