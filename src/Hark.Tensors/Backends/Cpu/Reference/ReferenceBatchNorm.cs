using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>
/// Batch normalisation by its textbook formulas, two passes per channel, over inputs viewed as [N, C, S].
/// See torch.nn.functional.batch_norm. Generic so float64 runs can check gradients by finite differences.
/// </summary>
internal static class ReferenceBatchNorm
{
    /// <summary>Training forward: batch statistics (biased variance for normalising, unbiased for the running blend).</summary>
    public static void ForwardTraining<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output,
        Span<T> savedMean, Span<T> savedInvStd, Span<T> runningMean, Span<T> runningVar, int batch, int channels, int spatial, T momentum, T eps)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(batch * spatial);
        for (int c = 0; c < channels; c++)
        {
            T sum = T.Zero;
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++) sum += input[(n * channels + c) * spatial + s];
            T mean = sum / count;
            T squares = T.Zero;
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++)
                {
                    T d = input[(n * channels + c) * spatial + s] - mean;
                    squares += d * d;
                }
            T variance = squares / count;
            savedMean[c] = mean;
            savedInvStd[c] = T.One / T.Sqrt(variance + eps);
            if (!runningMean.IsEmpty) runningMean[c] = (T.One - momentum) * runningMean[c] + momentum * mean;
            if (!runningVar.IsEmpty)
            {
                T unbiased = squares / (count - T.One);
                runningVar[c] = (T.One - momentum) * runningVar[c] + momentum * unbiased;
            }
        }
        Normalize(input, weight, bias, output, savedMean, savedInvStd, batch, channels, spatial);
    }

    public static void ForwardInference<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVar,
        ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, Span<T> savedMean, Span<T> savedInvStd, int batch, int channels, int spatial, T eps)
        where T : IFloatingPointIeee754<T>
    {
        for (int c = 0; c < channels; c++)
        {
            savedMean[c] = runningMean[c];
            savedInvStd[c] = T.One / T.Sqrt(runningVar[c] + eps);
        }
        Normalize(input, weight, bias, output, savedMean, savedInvStd, batch, channels, spatial);
    }

    /// <summary>Adds gradients; with training the mean and variance are functions of the input.</summary>
    public static void Backward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> savedMean, ReadOnlySpan<T> savedInvStd,
        ReadOnlySpan<T> dOutput, Span<T> dInput, Span<T> dWeight, Span<T> dBias, int batch, int channels, int spatial, bool training)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(batch * spatial);
        for (int c = 0; c < channels; c++)
        {
            T sumDy = T.Zero, sumDyXhat = T.Zero;
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    sumDy += dOutput[i];
                    sumDyXhat += dOutput[i] * (input[i] - savedMean[c]) * savedInvStd[c];
                }
            if (!dWeight.IsEmpty) dWeight[c] += sumDyXhat;
            if (!dBias.IsEmpty) dBias[c] += sumDy;
            if (dInput.IsEmpty) continue;
            T gamma = weight.IsEmpty ? T.One : weight[c];
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    T xhat = (input[i] - savedMean[c]) * savedInvStd[c];
                    T dxhat = training ? dOutput[i] - sumDy / count - xhat * sumDyXhat / count : dOutput[i];
                    dInput[i] += gamma * savedInvStd[c] * dxhat;
                }
        }
    }

    private static void Normalize<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output,
        ReadOnlySpan<T> mean, ReadOnlySpan<T> invStd, int batch, int channels, int spatial)
        where T : IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    T y = (input[i] - mean[c]) * invStd[c];
                    if (!weight.IsEmpty) y *= weight[c];
                    if (!bias.IsEmpty) y += bias[c];
                    output[i] = y;
                }
    }
}
