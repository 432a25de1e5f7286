using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>Softmax and log-softmax along the middle axis of an (outer, length, inner) view, one thread per line, max-shifted.</summary>
public static class SoftmaxKernels
{
    public static void Forward(Index1D line, ArrayView<float> input, ArrayView<float> output, int length, int inner, int log)
    {
        int start = line / inner * length * inner + line % inner;
        float max = float.NegativeInfinity;
        for (int l = 0; l < length; l++) max = XMath.Max(max, input[start + l * inner]);
        float sum = 0;
        for (int l = 0; l < length; l++) sum += XMath.Exp(input[start + l * inner] - max);
        float logSum = XMath.Log(sum);
        for (int l = 0; l < length; l++)
        {
            float shifted = input[start + l * inner] - max;
            output[start + l * inner] = log != 0 ? shifted - logSum : XMath.Exp(shifted) / sum;
        }
    }

    // dInput += J^T dOutput from the forward's output y: softmax y (dy - sum dy y); log-softmax dy - e^y sum dy
    public static void Backward(Index1D line, ArrayView<float> output, ArrayView<float> dOutput, ArrayView<float> dInput, int length, int inner, int log)
    {
        int start = line / inner * length * inner + line % inner;
        float dot = 0;
        for (int l = 0; l < length; l++)
        {
            int at = start + l * inner;
            dot += log != 0 ? dOutput[at] : dOutput[at] * output[at];
        }
        for (int l = 0; l < length; l++)
        {
            int at = start + l * inner;
            dInput[at] += log != 0 ? dOutput[at] - XMath.Exp(output[at]) * dot : output[at] * (dOutput[at] - dot);
        }
    }
}
