using System.Numerics;
using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Batch normalisation with channels split over the cores. Statistics take one pass per channel (sums shifted by the
/// channel's first value to avoid cancellation, accumulated per plane in float and across planes in double); the
/// normalisation and the input gradient are each one fused pass of the form y = a * x + b (+ c * dy).
/// </summary>
public sealed partial class CpuBackend
{
    public void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps)
    {
        float[] x = input.CpuData, y = output.CpuData, mean = savedMean.CpuData, invStd = savedInvStd.CpuData;
        float[]? gamma = weight?.CpuData, beta = bias?.CpuData, rm = runningMean?.CpuData, rv = runningVar?.CpuData;
        var (batch, channels, spatial) = BatchNormLayout(input);
        long count = (long)batch * spatial;
        Parallelism.For(channels, batch * spatial, (start, end) =>
        {
            for (int c = start; c < end; c++)
            {
                float shift = x[c * spatial];
                double sum = 0, squares = 0;
                for (int n = 0; n < batch; n++)
                {
                    var (s, s2) = ShiftedSums(x.AsSpan((n * channels + c) * spatial, spatial), shift);
                    sum += s;
                    squares += s2;
                }
                double shiftedMean = sum / count;
                double centredSquares = Math.Max(0, squares - sum * shiftedMean);
                double variance = centredSquares / count;
                double channelMean = shift + shiftedMean;
                mean[c] = (float)channelMean;
                invStd[c] = (float)(1.0 / Math.Sqrt(variance + eps));
                if (rm is not null) rm[c] = (1 - momentum) * rm[c] + momentum * (float)channelMean;
                if (rv is not null) rv[c] = (1 - momentum) * rv[c] + momentum * (float)(centredSquares / (count - 1));
                NormalizeChannel(x, y, c, batch, channels, spatial, mean[c], invStd[c], gamma, beta);
            }
        });
    }

    public void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps)
    {
        float[] x = input.CpuData, y = output.CpuData, mean = savedMean.CpuData, invStd = savedInvStd.CpuData;
        float[] rm = runningMean.CpuData, rv = runningVar.CpuData;
        float[]? gamma = weight?.CpuData, beta = bias?.CpuData;
        var (batch, channels, spatial) = BatchNormLayout(input);
        Parallelism.For(channels, batch * spatial, (start, end) =>
        {
            for (int c = start; c < end; c++)
            {
                mean[c] = rm[c];
                invStd[c] = 1f / MathF.Sqrt(rv[c] + eps);
                NormalizeChannel(x, y, c, batch, channels, spatial, mean[c], invStd[c], gamma, beta);
            }
        });
    }

    public void BatchNormBackward(Tensor input, Tensor? weight, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, Tensor? dWeight, Tensor? dBias, bool training)
    {
        float[] x = input.CpuData, mean = savedMean.CpuData, invStd = savedInvStd.CpuData, dy = dOutput.CpuData;
        float[]? gamma = weight?.CpuData, dx = dInput?.CpuData, dGamma = dWeight?.CpuData, dBeta = dBias?.CpuData;
        var (batch, channels, spatial) = BatchNormLayout(input);
        long count = (long)batch * spatial;
        Parallelism.For(channels, 2L * batch * spatial, (start, end) =>
        {
            for (int c = start; c < end; c++)
            {
                double sumDy = 0, sumDyCentred = 0;
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * spatial;
                    var (s, sc) = GradientSums(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), mean[c]);
                    sumDy += s;
                    sumDyCentred += sc;
                }
                double sumDyXhat = invStd[c] * sumDyCentred;
                if (dGamma is not null) dGamma[c] += (float)sumDyXhat;
                if (dBeta is not null) dBeta[c] += (float)sumDy;
                if (dx is null) continue;
                // dx = k * (dy - [mean dy] - xhat * [mean dy*xhat]) = k * dy + slope * x + offset
                double k = (gamma is null ? 1.0 : gamma[c]) * invStd[c];
                double meanDy = training ? sumDy / count : 0, meanDyXhat = training ? sumDyXhat / count : 0;
                float slope = (float)(-k * invStd[c] * meanDyXhat);
                float offset = (float)(k * (-meanDy + mean[c] * invStd[c] * meanDyXhat));
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * spatial;
                    AccumulateAffine(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), dx.AsSpan(at, spatial), (float)k, slope, offset);
                }
            }
        });
    }

    private static (int Batch, int Channels, int Spatial) BatchNormLayout(Tensor input)
    {
        int batch = input.Shape[0], channels = input.Shape[1];
        return (batch, channels, batch * channels == 0 ? 0 : input.Numel / (batch * channels));
    }

    private static void NormalizeChannel(float[] x, float[] y, int c, int batch, int channels, int spatial, float mean, float invStd,
        float[]? gamma, float[]? beta)
    {
        float scale = invStd * (gamma is null ? 1f : gamma[c]);
        float offset = (beta is null ? 0f : beta[c]) - mean * scale;
        for (int n = 0; n < batch; n++)
        {
            int at = (n * channels + c) * spatial;
            Affine(x.AsSpan(at, spatial), scale, offset, y.AsSpan(at, spatial));
        }
    }

    /// <summary>y = scale * x + offset.</summary>
    private static void Affine(ReadOnlySpan<float> x, float scale, float offset, Span<float> y)
    {
        var sv = new Vector<float>(scale);
        var ov = new Vector<float>(offset);
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            (sv * new Vector<float>(x.Slice(i)) + ov).CopyTo(y.Slice(i));
        for (; i < x.Length; i++) y[i] = scale * x[i] + offset;
    }

    /// <summary>Sum of (v - shift) and of (v - shift)^2 over the span.</summary>
    private static (double Sum, double Squares) ShiftedSums(ReadOnlySpan<float> values, float shift)
    {
        var sum = Vector<float>.Zero;
        var squares = Vector<float>.Zero;
        var shiftVector = new Vector<float>(shift);
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = new Vector<float>(values.Slice(i)) - shiftVector;
            sum += d;
            squares += d * d;
        }
        double s = Vector.Sum(sum), s2 = Vector.Sum(squares);
        for (; i < values.Length; i++)
        {
            double d = values[i] - shift;
            s += d;
            s2 += d * d;
        }
        return (s, s2);
    }

    /// <summary>Sum of dy and of dy * (x - mean) over the span.</summary>
    private static (double SumDy, double SumDyCentred) GradientSums(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean)
    {
        var sum = Vector<float>.Zero;
        var products = Vector<float>.Zero;
        var meanVector = new Vector<float>(mean);
        int i = 0;
        for (; i <= dy.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = new Vector<float>(dy.Slice(i));
            sum += d;
            products += d * (new Vector<float>(x.Slice(i)) - meanVector);
        }
        double s = Vector.Sum(sum), sc = Vector.Sum(products);
        for (; i < dy.Length; i++)
        {
            s += dy[i];
            sc += (double)dy[i] * (x[i] - mean);
        }
        return (s, sc);
    }

    /// <summary>dx += k * dy + slope * x + offset, one fused pass.</summary>
    private static void AccumulateAffine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx, float k, float slope, float offset)
    {
        var kv = new Vector<float>(k);
        var sv = new Vector<float>(slope);
        var ov = new Vector<float>(offset);
        int i = 0;
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var result = new Vector<float>(dx.Slice(i)) + kv * new Vector<float>(dy.Slice(i)) + sv * new Vector<float>(x.Slice(i)) + ov;
            result.CopyTo(dx.Slice(i));
        }
        for (; i < dx.Length; i++) dx[i] += k * dy[i] + slope * x[i] + offset;
    }
}
