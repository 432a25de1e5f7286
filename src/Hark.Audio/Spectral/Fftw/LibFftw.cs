using System.Runtime.InteropServices;

namespace Hark.Audio.Spectral.Fftw;

/// <summary>
/// The single-precision FFTW entry points Hark needs (fftwf_plan_dft_r2c_1d, fftwf_execute_dft_r2c), bound at run time with
/// <see cref="NativeLibrary"/> so that a machine without libfftw3f runs the managed <see cref="RealFft"/> instead.
/// FFTW's planner is not thread-safe, so plans are made under one lock; executing a plan on new arrays is.
/// </summary>
public sealed unsafe class LibFftw
{
    /// <summary>The names tried, in order (Debian's libfftw3-single3 ships libfftw3f.so.3).</summary>
    public static readonly IReadOnlyList<string> DefaultLibraryNames = ["libfftw3f.so.3", "libfftw3f.so", "libfftw3f.3.dylib", "libfftw3f-3.dll"];

    /// <summary>FFTW_ESTIMATE: a plan chosen by heuristics, without timing trial runs, so every run uses the same algorithm.</summary>
    private const uint Estimate = 1u << 6;

    /// <summary>FFTW_PRESERVE_INPUT: r2c plans are allowed to overwrite their input unless told not to.</summary>
    private const uint PreserveInput = 1u << 4;

    /// <summary>Arrays given to <see cref="Execute"/> must share the planning arrays' alignment; both are 64-byte aligned.</summary>
    public const int Alignment = 64;

    private static readonly Lock planner = new();
    private readonly delegate* unmanaged<int, float*, float*, uint, nint> planR2c;
    private readonly delegate* unmanaged<nint, float*, float*, void> executeR2c;

    private LibFftw(nint library, string name)
    {
        LibraryName = name;
        planR2c = (delegate* unmanaged<int, float*, float*, uint, nint>)NativeLibrary.GetExport(library, "fftwf_plan_dft_r2c_1d");
        executeR2c = (delegate* unmanaged<nint, float*, float*, void>)NativeLibrary.GetExport(library, "fftwf_execute_dft_r2c");
    }

    public string LibraryName { get; }

    /// <summary>Loads the first library in <paramref name="names"/> that exists and exports what Hark needs.</summary>
    public static LibFftw? TryLoad(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint library)) continue;
            try { return new LibFftw(library, name); }
            catch (EntryPointNotFoundException) { NativeLibrary.Free(library); }
        }
        return null;
    }

    /// <summary>
    /// A real-to-complex plan of <paramref name="length"/> points that keeps its input, planned on 64-byte aligned arrays.
    /// Plans live as long as the process (a front end makes one per n_fft).
    /// </summary>
    public nint PlanRealToComplex(int length)
    {
        var input = (float*)NativeMemory.AlignedAlloc((nuint)(length * sizeof(float)), Alignment);
        var output = (float*)NativeMemory.AlignedAlloc((nuint)((length / 2 + 1) * 2 * sizeof(float)), Alignment);
        try
        {
            lock (planner)
            {
                nint plan = planR2c(length, input, output, Estimate | PreserveInput);
                return plan != 0 ? plan : throw new InvalidOperationException($"FFTW ({LibraryName}) could not plan a real transform of {length} points");
            }
        }
        finally
        {
            NativeMemory.AlignedFree(input);
            NativeMemory.AlignedFree(output);
        }
    }

    /// <summary>Runs <paramref name="plan"/> on <paramref name="input"/> (n floats) into <paramref name="output"/> (n/2+1 interleaved complex), both 64-byte aligned.</summary>
    public void Execute(nint plan, float* input, float* output) => executeR2c(plan, input, output);
}
