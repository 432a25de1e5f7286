using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>
/// Reductions along the middle axis of an (outer, length, inner) view, one thread per (outer, inner) line, and the
/// power sums of gradient clipping. NaN wins a maximum, and the first maximum takes its gradient, as in PyTorch.
/// </summary>
public static class ReductionKernels
{
    // line = o * inner + k
    public static void MaxAlongAxis(Index1D line, ArrayView<float> input, ArrayView<float> values, int length, int inner) =>
        values[line] = input[FirstMax(input, line, length, inner)];

    public static void MaxAlongAxisBackward(Index1D line, ArrayView<float> input, ArrayView<float> dValues, ArrayView<float> dInput, int length, int inner) =>
        dInput[FirstMax(input, line, length, inner)] += dValues[line];

    private static int FirstMax(ArrayView<float> input, int line, int length, int inner)
    {
        int o = line / inner, k = line % inner;
        int best = o * length * inner + k;
        for (int l = 0; l < length; l++)
        {
            int at = (o * length + l) * inner + k;
            if (XMath.IsNaN(input[at])) return at;
            if (input[at] > input[best]) best = at;
        }
        return best;
    }

    // partials[t] = sum |x|^p (max |x| when infinite) over elements t, t + threads, ...; in double, as the CPU does
    public static void PowerSumPartials(Index1D t, ArrayView<float> x, ArrayView<double> partials, int count, int threads, double p, int infinite)
    {
        double sum = 0;
        for (int i = t; i < count; i += threads)
        {
            double v = XMath.Abs(x[i]);
            sum = infinite != 0 ? XMath.Max(sum, v) : p == 2.0 ? sum + v * v : sum + XMath.Pow(v, p);
        }
        partials[t] = sum;
    }
}
