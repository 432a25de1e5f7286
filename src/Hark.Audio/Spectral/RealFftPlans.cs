using Hark.Audio.Spectral.Fftw;
using Hark.Tensors;
using Hark.Tensors.Backends;
using Microsoft.Extensions.Logging;

namespace Hark.Audio.Spectral;

/// <summary>
/// Chooses the real-FFT implementation once per process: FFTW (libfftw3f, about five times faster than the managed
/// transform at n_fft 1024) when it loads, otherwise the managed <see cref="RealFft"/>. Setting
/// <c>HARK_FORCE_MANAGED=1</c> forces the managed path, as it does for the tensor backend. The choice is logged once
/// through <see cref="HarkLogging"/>.
/// </summary>
public static class RealFftPlans
{
    private static readonly Lazy<LibFftw?> library = new(() =>
    {
        var fftw = Environment.GetEnvironmentVariable(BackendRegistry.ForceManagedVariable) == "1" ? null : LibFftw.TryLoad(LibFftw.DefaultLibraryNames);
        HarkLogging.For("Hark.Audio.Spectral").LogInformation("hark: fft {Fft}", fftw is null ? "managed" : $"FFTW ({fftw.LibraryName})");
        return fftw;
    });

    /// <summary>"FFTW (libfftw3f.so.3)" or "managed".</summary>
    public static string Description => library.Value is { } fftw ? $"FFTW ({fftw.LibraryName})" : "managed";

    /// <summary>A plan for real transforms of <paramref name="length"/> samples on the chosen implementation.</summary>
    public static IRealFft Create(int length) =>
        library.Value is { } fftw ? new FftwRealFft(fftw, length) : new RealFft(length);
}
