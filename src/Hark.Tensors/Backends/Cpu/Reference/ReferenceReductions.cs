using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Plain reductions along one axis of an (outer, length, inner) view.</summary>
internal static class ReferenceReductions
{
    public static void MaxAlongAxis<T>(ReadOnlySpan<T> input, Span<T> values, int outer, int length, int inner) where T : IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
                values[o * inner + k] = input[FirstMax(input, o, length, inner, k)];
    }

    public static void MaxAlongAxisBackward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> dValues, Span<T> dInput, int outer, int length, int inner)
        where T : IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
                dInput[FirstMax(input, o, length, inner, k)] += dValues[o * inner + k];
    }

    /// <summary>The flat index of the first maximum (the first NaN if any) along the axis.</summary>
    private static int FirstMax<T>(ReadOnlySpan<T> input, int o, int length, int inner, int k) where T : IFloatingPointIeee754<T>
    {
        int best = o * length * inner + k;
        for (int l = 0; l < length; l++)
        {
            int at = (o * length + l) * inner + k;
            if (T.IsNaN(input[at])) return at;
            if (input[at] > input[best]) best = at;
        }
        return best;
    }
}
