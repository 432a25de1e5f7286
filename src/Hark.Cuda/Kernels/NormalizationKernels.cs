using ILGPU.Algorithms;

namespace Hark.Cuda.Kernels;

/// <summary>
/// Batch normalisation (torch.nn.functional.batch_norm) over [batch, channels, spatial], with an optional fused
/// LeakyReLU (slope 0: ReLU) whose gate backward recomputes from the normalised value. Statistics and gradient sums
/// take one thread per channel (two passes, as the reference); the elementwise passes one thread per element.
/// </summary>
public static class NormalizationKernels
{
    // training: batch mean and 1/sqrt(biased var + eps) per channel; running stats blended with the unbiased variance
    public static void Statistics(Index1D c, ArrayView<float> input, ArrayView<float> savedMean, ArrayView<float> savedInvStd,
        ArrayView<float> runningMean, ArrayView<float> runningVar, BatchNormShape s)
    {
        int count = s.Batch * s.Spatial;
        float sum = 0;
        for (int n = 0; n < s.Batch; n++)
        {
            long row = ((long)n * s.Channels + c) * s.Spatial;
            for (int k = 0; k < s.Spatial; k++) sum += input[row + k];
        }
        float mean = sum / count, squares = 0;
        for (int n = 0; n < s.Batch; n++)
        {
            long row = ((long)n * s.Channels + c) * s.Spatial;
            for (int k = 0; k < s.Spatial; k++)
            {
                float d = input[row + k] - mean;
                squares += d * d;
            }
        }
        savedMean[c] = mean;
        savedInvStd[c] = 1f / XMath.Sqrt(squares / count + s.Eps);
        if (s.HasRunningMean != 0) runningMean[c] = (1f - s.Momentum) * runningMean[c] + s.Momentum * mean;
        if (s.HasRunningVar != 0) runningVar[c] = (1f - s.Momentum) * runningVar[c] + s.Momentum * (squares / (count - 1));
    }

    public static void RunningStatistics(Index1D c, ArrayView<float> runningMean, ArrayView<float> runningVar, ArrayView<float> savedMean,
        ArrayView<float> savedInvStd, float eps)
    {
        savedMean[c] = runningMean[c];
        savedInvStd[c] = 1f / XMath.Sqrt(runningVar[c] + eps);
    }

    public static void Normalize(Index1D i, ArrayView<float> input, ArrayView<float> output, ArrayView<float> mean, ArrayView<float> invStd,
        ArrayView<float> weight, ArrayView<float> bias, BatchNormShape s)
    {
        int c = i / s.Spatial % s.Channels;
        float y = Affine((input[i] - mean[c]) * invStd[c], weight, bias, s, c);
        output[i] = s.Activation != 0 && y <= 0f ? y * s.ActivationSlope : y;
    }

    // sums[c] = sum dy, sums[channels + c] = sum dy * xhat (dy gated by the fused activation); dWeight/dBias added here
    public static void BackwardSums(Index1D c, ArrayView<float> input, ArrayView<float> dOutput, ArrayView<float> mean, ArrayView<float> invStd,
        ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> sums, ArrayView<float> dWeight, ArrayView<float> dBias, BatchNormShape s)
    {
        float sumDy = 0, sumDyXhat = 0;
        for (int n = 0; n < s.Batch; n++)
        {
            long row = ((long)n * s.Channels + c) * s.Spatial;
            for (int k = 0; k < s.Spatial; k++)
            {
                float xhat = (input[row + k] - mean[c]) * invStd[c];
                float dy = Gated(dOutput[row + k], xhat, weight, bias, s, c);
                sumDy += dy;
                sumDyXhat += dy * xhat;
            }
        }
        sums[c] = sumDy;
        sums[s.Channels + c] = sumDyXhat;
        if (s.WantWeight != 0) dWeight[c] += sumDyXhat;
        if (s.WantBias != 0) dBias[c] += sumDy;
    }

    public static void BackwardInput(Index1D i, ArrayView<float> input, ArrayView<float> dOutput, ArrayView<float> mean, ArrayView<float> invStd,
        ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> sums, ArrayView<float> dInput, BatchNormShape s)
    {
        int c = i / s.Spatial % s.Channels;
        float count = s.Batch * s.Spatial;
        float xhat = (input[i] - mean[c]) * invStd[c];
        float dy = Gated(dOutput[i], xhat, weight, bias, s, c);
        float dxhat = s.Training != 0 ? dy - sums[c] / count - xhat * sums[s.Channels + c] / count : dy;
        float gamma = s.HasWeight != 0 ? weight[c] : 1f;
        float value = gamma * invStd[c] * dxhat;
        dInput[i] = s.AccumulateInput != 0 ? dInput[i] + value : value;
    }

    private static float Affine(float xhat, ArrayView<float> weight, ArrayView<float> bias, BatchNormShape s, int c)
    {
        float y = s.HasWeight != 0 ? xhat * weight[c] : xhat;
        return s.HasBias != 0 ? y + bias[c] : y;
    }

    private static float Gated(float dy, float xhat, ArrayView<float> weight, ArrayView<float> bias, BatchNormShape s, int c) =>
        s.Activation != 0 && Affine(xhat, weight, bias, s, c) <= 0f ? dy * s.ActivationSlope : dy;
}
