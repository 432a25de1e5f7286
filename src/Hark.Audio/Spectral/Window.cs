namespace Hark.Audio.Spectral;

/// <summary>The analysis window shape applied to each STFT frame.</summary>
public enum WindowFunction { Hann, Hamming, Blackman, Rectangular }

/// <summary>
/// Periodic windows (torch's and librosa's default, <c>periodic=True</c> / <c>fftbins=True</c>) are the first N points of an
/// N+1-point symmetric window, right for spectral analysis; symmetric windows are the filter-design form.
/// </summary>
public enum WindowSymmetry { Periodic, Symmetric }

/// <summary>Window generators matching torch.hann_window / hamming_window / blackman_window and scipy.signal.get_window.</summary>
public static class Window
{
    /// <summary>Returns a new window of <paramref name="length"/> points, computed in double and rounded to float.</summary>
    public static float[] Create(WindowFunction function, int length, WindowSymmetry symmetry = WindowSymmetry.Periodic)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "Window.Create: length must be >= 0");
        var window = new float[length];
        Fill(function, window, symmetry);
        return window;
    }

    /// <summary>Fills <paramref name="destination"/> with the window; its length is the window length.</summary>
    public static void Fill(WindowFunction function, Span<float> destination, WindowSymmetry symmetry = WindowSymmetry.Periodic)
    {
        int n = destination.Length;
        if (n == 0) return;
        if (n == 1) { destination[0] = 1f; return; }
        double denominator = symmetry == WindowSymmetry.Periodic ? n : n - 1;
        for (int i = 0; i < n; i++)
        {
            double phase = 2 * Math.PI * i / denominator;
            destination[i] = (float)(function switch
            {
                WindowFunction.Hann => 0.5 - 0.5 * Math.Cos(phase),
                WindowFunction.Hamming => 0.54 - 0.46 * Math.Cos(phase),
                WindowFunction.Blackman => 0.42 - 0.5 * Math.Cos(phase) + 0.08 * Math.Cos(2 * phase),
                WindowFunction.Rectangular => 1.0,
                _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Window.Fill: unknown window"),
            });
        }
    }
}
