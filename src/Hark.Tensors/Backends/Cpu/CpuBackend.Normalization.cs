using System.Numerics;
using System.Numerics.Tensors;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Batch normalisation with channels split over the cores. Statistics take one pass per channel (sums shifted by the
/// channel's first value to avoid cancellation, accumulated per plane in float and across planes in double); the
/// normalisation and the input gradient are each one fused pass of the form y = a * x + b (+ c * dy).
/// </summary>
internal sealed partial class CpuBackend
{
    public void BatchNormForwardTraining(Tensor input, Tensor? weight, Tensor? bias, Tensor output, Tensor savedMean, Tensor savedInvStd,
        Tensor? runningMean, Tensor? runningVar, float momentum, float eps, float? activationSlope)
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
                NormalizeChannel(x, y, c, batch, channels, spatial, mean[c], invStd[c], gamma, beta, activationSlope);
            }
        });
    }

    public void BatchNormForwardInference(Tensor input, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, Tensor output,
        Tensor savedMean, Tensor savedInvStd, float eps, float? activationSlope)
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
                NormalizeChannel(x, y, c, batch, channels, spatial, mean[c], invStd[c], gamma, beta, activationSlope);
            }
        });
    }

    public void BatchNormBackward(Tensor input, Tensor? weight, Tensor? bias, Tensor savedMean, Tensor savedInvStd, Tensor dOutput,
        Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias, bool training, float? activationSlope)
    {
        float[] x = input.CpuData, mean = savedMean.CpuData, invStd = savedInvStd.CpuData, dy = dOutput.CpuData;
        float[]? gamma = weight?.CpuData, beta = bias?.CpuData, dx = dInput?.CpuData, dGamma = dWeight?.CpuData, dBeta = dBias?.CpuData;
        var (batch, channels, spatial) = BatchNormLayout(input);
        long count = (long)batch * spatial;
        Parallelism.For(channels, 2L * batch * spatial, (start, end) =>
        {
            for (int c = start; c < end; c++)
            {
                // with an activation, dy is first gated by the sign of the normalised value z = scale * x + shift, as in the forward
                var gate = activationSlope is float negativeSlope ? new ActivationGate(ChannelScale(invStd[c], gamma, c), ChannelShift(mean[c], invStd[c], gamma, beta, c), negativeSlope) : (ActivationGate?)null;
                double sumDy = 0, sumDyCentred = 0;
                for (int n = 0; n < batch; n++)
                {
                    int at = (n * channels + c) * spatial;
                    var (s, sc) = gate is { } g
                        ? GatedGradientSums(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), mean[c], g)
                        : GradientSums(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), mean[c]);
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
                    if (gate is { } g)
                        AccumulateGatedAffine(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), dx.AsSpan(at, spatial), (float)k, slope, offset, g, accumulateInput);
                    else
                        AccumulateAffine(dy.AsSpan(at, spatial), x.AsSpan(at, spatial), dx.AsSpan(at, spatial), (float)k, slope, offset, accumulateInput);
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
        float[]? gamma, float[]? beta, float? activationSlope)
    {
        float scale = ChannelScale(invStd, gamma, c);
        float offset = ChannelShift(mean, invStd, gamma, beta, c);
        for (int n = 0; n < batch; n++)
        {
            int at = (n * channels + c) * spatial;
            if (activationSlope is float negativeSlope)
                ActivatedAffine(x.AsSpan(at, spatial), new ActivationGate(scale, offset, negativeSlope), y.AsSpan(at, spatial));
            else
                Affine(x.AsSpan(at, spatial), scale, offset, y.AsSpan(at, spatial));
        }
    }

    // the normalisation of channel c as z = scale * x + shift; the forward and the gated backward compute it identically
    private static float ChannelScale(float invStd, float[]? gamma, int c) => invStd * (gamma is null ? 1f : gamma[c]);

    private static float ChannelShift(float mean, float invStd, float[]? gamma, float[]? beta, int c) =>
        (beta is null ? 0f : beta[c]) - mean * ChannelScale(invStd, gamma, c);

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

    /// <summary>dx += k * dy + slope * x + offset, one fused pass (without <paramref name="accumulate"/>: dx = ...).</summary>
    private static void AccumulateAffine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx, float k, float slope, float offset, bool accumulate)
    {
        var kv = new Vector<float>(k);
        var sv = new Vector<float>(slope);
        var ov = new Vector<float>(offset);
        int i = 0;
        if (accumulate)
        {
            for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(dx.Slice(i)) + kv * new Vector<float>(dy.Slice(i)) + sv * new Vector<float>(x.Slice(i)) + ov).CopyTo(dx.Slice(i));
            for (; i < dx.Length; i++) dx[i] += k * dy[i] + slope * x[i] + offset;
            return;
        }
        // overwriting: dx is not read (it may hold anything), which saves the zeroing pass and a load per element
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
            (kv * new Vector<float>(dy.Slice(i)) + sv * new Vector<float>(x.Slice(i)) + ov).CopyTo(dx.Slice(i));
        for (; i < dx.Length; i++) dx[i] = k * dy[i] + slope * x[i] + offset;
    }

    /// <summary>
    /// LeakyReLU (negative slope 0: ReLU, which also keeps NaN and maps -inf to 0 as Ops.Relu) of z = scale * x + shift,
    /// and the matching gradient gate: dy where z &gt; 0, else slope * dy (ReLU: 0).
    /// </summary>
    private readonly struct ActivationGate(float scale, float shift, float negativeSlope)
    {
        public readonly float Scale = scale, Shift = shift, NegativeSlope = negativeSlope;

        public Vector<float> Normalised(Vector<float> x) => new Vector<float>(Scale) * x + new Vector<float>(Shift);
        public float Normalised(float x) => Scale * x + Shift;

        public Vector<float> Activate(Vector<float> z) => NegativeSlope == 0f
            ? Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero) | ~Vector.Equals(z, z), z, Vector<float>.Zero)
            : Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, z * NegativeSlope);

        public float Activate(float z) => z > 0f ? z : NegativeSlope == 0f ? (float.IsNaN(z) ? z : 0f) : z * NegativeSlope;

        public Vector<float> Gate(Vector<float> z, Vector<float> dy) => NegativeSlope == 0f
            ? Vector.GreaterThan(z, Vector<float>.Zero).As<int, float>() & dy
            : Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), dy, dy * NegativeSlope);

        public float Gate(float z, float dy) => z > 0f ? dy : NegativeSlope == 0f ? 0f : dy * NegativeSlope;
    }

    /// <summary>y = activation(scale * x + shift), one pass.</summary>
    private static void ActivatedAffine(ReadOnlySpan<float> x, ActivationGate gate, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            gate.Activate(gate.Normalised(new Vector<float>(x.Slice(i)))).CopyTo(y.Slice(i));
        for (; i < x.Length; i++) y[i] = gate.Activate(gate.Normalised(x[i]));
    }

    /// <summary><see cref="GradientSums"/> of the gated gradient g = gate(z, dy).</summary>
    private static (double SumDy, double SumDyCentred) GatedGradientSums(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float mean, ActivationGate gate)
    {
        var sum = Vector<float>.Zero;
        var products = Vector<float>.Zero;
        var meanVector = new Vector<float>(mean);
        int i = 0;
        for (; i <= dy.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var xv = new Vector<float>(x.Slice(i));
            var d = gate.Gate(gate.Normalised(xv), new Vector<float>(dy.Slice(i)));
            sum += d;
            products += d * (xv - meanVector);
        }
        double s = Vector.Sum(sum), sc = Vector.Sum(products);
        for (; i < dy.Length; i++)
        {
            float d = gate.Gate(gate.Normalised(x[i]), dy[i]);
            s += d;
            sc += (double)d * (x[i] - mean);
        }
        return (s, sc);
    }

    /// <summary><see cref="AccumulateAffine"/> of the gated gradient g = gate(z, dy): dx += k * g + slope * x + offset.</summary>
    private static void AccumulateGatedAffine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx, float k, float slope, float offset, ActivationGate gate,
        bool accumulate)
    {
        var kv = new Vector<float>(k);
        var sv = new Vector<float>(slope);
        var ov = new Vector<float>(offset);
        int i = 0;
        if (accumulate)
        {
            for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var xv = new Vector<float>(x.Slice(i));
                var g = gate.Gate(gate.Normalised(xv), new Vector<float>(dy.Slice(i)));
                (new Vector<float>(dx.Slice(i)) + kv * g + sv * xv + ov).CopyTo(dx.Slice(i));
            }
            for (; i < dx.Length; i++) dx[i] += k * gate.Gate(gate.Normalised(x[i]), dy[i]) + slope * x[i] + offset;
            return;
        }
        for (; i <= dx.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var xv = new Vector<float>(x.Slice(i));
            var g = gate.Gate(gate.Normalised(xv), new Vector<float>(dy.Slice(i)));
            (kv * g + sv * xv + ov).CopyTo(dx.Slice(i));
        }
        for (; i < dx.Length; i++) dx[i] = k * gate.Gate(gate.Normalised(x[i]), dy[i]) + slope * x[i] + offset;
    }
}
