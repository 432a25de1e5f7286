using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Plain softmax and log-softmax along the middle axis of an (outer, length, inner) view.</summary>
internal static class ReferenceSoftmax
{
    public static void Softmax<T>(ReadOnlySpan<T> input, Span<T> output, int outer, int length, int inner, bool log) where T : IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
            {
                int start = o * length * inner + k;
                var max = T.NegativeInfinity;
                for (int l = 0; l < length; l++) max = T.Max(max, input[start + l * inner]);
                var sum = T.Zero;
                for (int l = 0; l < length; l++) sum += T.Exp(input[start + l * inner] - max);
                for (int l = 0; l < length; l++)
                {
                    var shifted = input[start + l * inner] - max;
                    output[start + l * inner] = log ? shifted - T.Log(sum) : T.Exp(shifted) / sum;
                }
            }
    }

    /// <summary>dInput += J^T dOutput, from the forward's output y: softmax y(dy - sum dy y); log-softmax dy - e^y sum dy.</summary>
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dInput, int outer, int length, int inner, bool log)
        where T : IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int k = 0; k < inner; k++)
            {
                int start = o * length * inner + k;
                var dot = T.Zero;
                for (int l = 0; l < length; l++)
                    dot += log ? dOutput[start + l * inner] : dOutput[start + l * inner] * output[start + l * inner];
                for (int l = 0; l < length; l++)
                {
                    int at = start + l * inner;
                    dInput[at] += log ? dOutput[at] - T.Exp(output[at]) * dot : output[at] * (dOutput[at] - dot);
                }
            }
    }
}
