using System.Numerics;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Optimiser updates as plain reference loops (kept as the definition, written in torch's operation order) and
/// Vector&lt;T&gt; versions that do the same float32 operations in the same order, so both give identical bits.
/// No fused multiply-add is used on either side for that reason.
/// </summary>
internal static class OptimizerKernels
{
    // parameter, gradient, momentumBuffer: n elements each (momentumBuffer empty when momentum is 0)
    public static void SgdReference(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> momentumBuffer, in SgdStepArguments a)
    {
        CheckLengths("SgdStep", parameter.Length, gradient.Length, a.Momentum != 0 ? momentumBuffer.Length : parameter.Length);
        for (int i = 0; i < parameter.Length; i++)
        {
            float d = a.Maximize ? -gradient[i] : gradient[i];
            if (a.WeightDecay != 0) d += a.WeightDecay * parameter[i];
            if (a.Momentum != 0)
            {
                float buffer = a.FirstStep ? d : momentumBuffer[i] * a.Momentum + (1 - a.Dampening) * d;
                momentumBuffer[i] = buffer;
                d = a.Nesterov ? d + a.Momentum * buffer : buffer;
            }
            parameter[i] += -a.LearningRate * d;
        }
    }

    public static void SgdVectorized(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> momentumBuffer, in SgdStepArguments a)
    {
        CheckLengths("SgdStep", parameter.Length, gradient.Length, a.Momentum != 0 ? momentumBuffer.Length : parameter.Length);
        int width = Vector<float>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var decay = new Vector<float>(a.WeightDecay);
            var momentum = new Vector<float>(a.Momentum);
            var keep = new Vector<float>(1 - a.Dampening);
            var step = new Vector<float>(-a.LearningRate);
            for (; i <= parameter.Length - width; i += width)
            {
                var p = new Vector<float>(parameter[i..]);
                var d = new Vector<float>(gradient[i..]);
                if (a.Maximize) d = -d;
                if (a.WeightDecay != 0) d += decay * p;
                if (a.Momentum != 0)
                {
                    var buffer = a.FirstStep ? d : new Vector<float>(momentumBuffer[i..]) * momentum + keep * d;
                    buffer.CopyTo(momentumBuffer[i..]);
                    d = a.Nesterov ? d + momentum * buffer : buffer;
                }
                (p + step * d).CopyTo(parameter[i..]);
            }
        }
        SgdReference(parameter[i..], gradient[i..], a.Momentum != 0 ? momentumBuffer[i..] : default, a);
    }

    // parameter, gradient, expAvg, expAvgSq: n elements each
    public static void AdamReference(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> expAvg, Span<float> expAvgSq, in AdamStepArguments a)
    {
        CheckLengths("AdamStep", parameter.Length, gradient.Length, expAvg.Length, expAvgSq.Length);
        float keep1 = 1 - a.Beta1, keep2 = 1 - a.Beta2;
        for (int i = 0; i < parameter.Length; i++)
        {
            float p = parameter[i] * a.DecoupledDecayFactor;
            float g = a.Maximize ? -gradient[i] : gradient[i];
            if (a.WeightDecay != 0) g += a.WeightDecay * p;
            float m = expAvg[i] * a.Beta1 + keep1 * g;
            float v = expAvgSq[i] * a.Beta2 + keep2 * (g * g);
            expAvg[i] = m;
            expAvgSq[i] = v;
            float denom = MathF.Sqrt(v) / a.BiasCorrection2Sqrt + a.Eps;
            parameter[i] = p + -a.StepSize * (m / denom);
        }
    }

    public static void AdamVectorized(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> expAvg, Span<float> expAvgSq, in AdamStepArguments a)
    {
        CheckLengths("AdamStep", parameter.Length, gradient.Length, expAvg.Length, expAvgSq.Length);
        int width = Vector<float>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<float>(a.DecoupledDecayFactor);
            var decay = new Vector<float>(a.WeightDecay);
            var beta1 = new Vector<float>(a.Beta1);
            var beta2 = new Vector<float>(a.Beta2);
            var keep1 = new Vector<float>(1 - a.Beta1);
            var keep2 = new Vector<float>(1 - a.Beta2);
            var correction2 = new Vector<float>(a.BiasCorrection2Sqrt);
            var eps = new Vector<float>(a.Eps);
            var step = new Vector<float>(-a.StepSize);
            for (; i <= parameter.Length - width; i += width)
            {
                var p = new Vector<float>(parameter[i..]) * factor;
                var g = new Vector<float>(gradient[i..]);
                if (a.Maximize) g = -g;
                if (a.WeightDecay != 0) g += decay * p;
                var m = new Vector<float>(expAvg[i..]) * beta1 + keep1 * g;
                var v = new Vector<float>(expAvgSq[i..]) * beta2 + keep2 * (g * g);
                m.CopyTo(expAvg[i..]);
                v.CopyTo(expAvgSq[i..]);
                var denom = Vector.SquareRoot(v) / correction2 + eps;
                (p + step * (m / denom)).CopyTo(parameter[i..]);
            }
        }
        AdamReference(parameter[i..], gradient[i..], expAvg[i..], expAvgSq[i..], a);
    }

    /// <summary>sum |x|^p (max |x| for infinite p) in double precision.</summary>
    public static double PowerSum(ReadOnlySpan<float> x, double p)
    {
        if (double.IsPositiveInfinity(p))
        {
            double max = 0;
            foreach (var v in x) max = Math.Max(max, Math.Abs(v));
            return max;
        }
        double sum = 0;
        if (p == 2)
            foreach (var v in x) sum += (double)v * v;
        else
            foreach (var v in x) sum += Math.Pow(Math.Abs(v), p);
        return sum;
    }

    public static void EmaReference(Span<float> average, ReadOnlySpan<float> value, float decay)
    {
        CheckLengths("EmaUpdate", average.Length, value.Length);
        float keep = 1 - decay;
        for (int i = 0; i < average.Length; i++) average[i] = decay * average[i] + keep * value[i];
    }

    public static void EmaVectorized(Span<float> average, ReadOnlySpan<float> value, float decay)
    {
        CheckLengths("EmaUpdate", average.Length, value.Length);
        int width = Vector<float>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = new Vector<float>(decay);
            var keep = new Vector<float>(1 - decay);
            for (; i <= average.Length - width; i += width)
                (d * new Vector<float>(average[i..]) + keep * new Vector<float>(value[i..])).CopyTo(average[i..]);
        }
        EmaReference(average[i..], value[i..], decay);
    }

    private static void CheckLengths(string op, int expected, params ReadOnlySpan<int> others)
    {
        foreach (var n in others)
            if (n != expected) throw new ShapeException($"{op}: every operand needs {expected} elements; got {n}");
    }
}
