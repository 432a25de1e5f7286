namespace Hark.Audio.Spectral;

/// <summary>The plain O(n^2) DFT in double precision: the reference the FFTs are tested against.</summary>
public static class ReferenceDft
{
    /// <summary>Bins 0..n/2 of the DFT of a real signal.</summary>
    public static void RealForward(ReadOnlySpan<float> input, Span<double> real, Span<double> imaginary)
    {
        int n = input.Length;
        for (int k = 0; k <= n / 2; k++)
        {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++)
            {
                double angle = -2 * Math.PI * ((long)j * k % n) / n;
                sr += input[j] * Math.Cos(angle);
                si += input[j] * Math.Sin(angle);
            }
            real[k] = sr;
            imaginary[k] = si;
        }
    }
}
