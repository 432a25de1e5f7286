using System.Diagnostics;
using Hark.Tensors.Backends.Cpu;

namespace Hark.Bench;

/// <summary>
/// Single-threaded GEMM GFLOP/s, managed packed kernel vs OpenBLAS, on the per-sample products of the seed-000
/// convolutions (forward, weight gradient, input-column gradient), to decide where the native library wins.
/// </summary>
internal static class GemmBench
{
    public static void Run()
    {
        (int In, int Out, int Size)[] layers = [(3, 16, 96), (16, 32, 48), (32, 48, 24), (48, 64, 12), (64, 64, 6)];
        foreach (var (cin, cout, size) in layers)
        {
            int patch = cin * 9, spatial = size * size;
            Compare($"{cin}->{cout}@{size} forward", false, false, cout, spatial, patch);
            Compare($"{cin}->{cout}@{size} dWeight", false, true, cout, patch, spatial);
            Compare($"{cin}->{cout}@{size} dColumns", true, false, patch, spatial, cout);
        }
        Compare("square 256", false, false, 256, 256, 256);
    }

    /// <summary>One line for bench/engine.sh: the GEMM the backend chose and both kernels' GFLOP/s on a mid-network convolution product.</summary>
    public static void Summary(CpuBackend backend)
    {
        const int m = 64, n = 48 * 48, k = 32 * 9;
        var (a, b, c) = Operands(m, n, k);
        double managed = GigaFlops(m, n, k, () => ManagedGemm.Multiply(false, false, m, n, k, a, k, b, n, c, n, false));
        string native = OpenBlas.IsAvailable ? $"{GigaFlops(m, n, k, () => OpenBlas.Multiply(false, false, m, n, k, a, k, b, n, c, n, false)):F1}" : "n/a";
        Console.WriteLine($"gemm: {backend.Matrix.Description}; m{m} n{n} k{k}: openblas {native} managed {managed:F1} GFLOP/s (one thread, cpu time)");
    }

    private static (float[] A, float[] B, float[] C) Operands(int m, int n, int k)
    {
        var random = new Random(0);
        return (Enumerable.Range(0, m * k).Select(_ => random.NextSingle()).ToArray(),
            Enumerable.Range(0, k * n).Select(_ => random.NextSingle()).ToArray(), new float[m * n]);
    }

    private static void Compare(string name, bool ta, bool tb, int m, int n, int k)
    {
        var (a, b, c) = Operands(m, n, k);
        int lda = ta ? m : k, ldb = tb ? k : n;
        double managed = GigaFlops(m, n, k, () => ManagedGemm.Multiply(ta, tb, m, n, k, a, lda, b, ldb, c, n, false));
        string native = OpenBlas.IsAvailable
            ? $"{GigaFlops(m, n, k, () => OpenBlas.Multiply(ta, tb, m, n, k, a, lda, b, ldb, c, n, false)),6:F1}"
            : "   n/a";
        Console.WriteLine($"{name,-24} m{m,4} n{n,5} k{k,5}  managed {managed,6:F1}  openblas {native} GFLOP/s (cpu time)");
    }

    private static double GigaFlops(int m, int n, int k, Action gemm)
    {
        gemm();
        int repetitions = Math.Max(3, (int)(2e8 / (2.0 * m * n * k)));
        var thread = Process.GetCurrentProcess();
        var before = thread.TotalProcessorTime;
        for (int i = 0; i < repetitions; i++) gemm();
        thread.Refresh();
        return 2.0 * m * n * k * repetitions / (thread.TotalProcessorTime - before).TotalSeconds / 1e9;
    }
}
