using Hark.Tensors;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>
    /// SGD (plain, momentum first and later steps, Nesterov, maximize) and Adam/AdamW steps against the float32 definitions
    /// in <see cref="OptimizerKernels"/>, which fix torch's operation order (a backend may differ only by rounding);
    /// power sums, scaling and EMA updates against plain loops.
    /// </summary>
    public void Optimizers()
    {
        SgdStepArguments[] sgdCases =
        [
            new(0.1f, 0f, 0f, 0f, false, false, false),
            new(0.05f, 0.9f, 0f, 1e-4f, false, false, true),
            new(0.05f, 0.9f, 0.1f, 1e-4f, false, false, false),
            new(0.05f, 0.9f, 0f, 0f, true, true, false),
        ];
        AdamStepArguments[] adamCases =
        [
            new(0.9f, 0.999f, 1e-8f, 0f, 1f, 1e-3f / 0.1f, MathF.Sqrt(1 - 0.999f), false),
            new(0.9f, 0.999f, 1e-8f, 0f, 1f - 1e-3f * 1e-2f, 1e-3f / 0.19f, MathF.Sqrt(1 - 0.999f * 0.999f), false),
            new(0.8f, 0.99f, 1e-6f, 1e-2f, 1f, 2e-3f, 0.3f, Maximize: true),
        ];
        foreach (int n in new[] { 0, 1, 7, 8, 17, 64, 257, 1000 })
        {
            foreach (var arguments in sgdCases)
            {
                float[] parameter = Random(n), gradient = Random(n), buffer = Random(n);
                float[] expectedParameter = (float[])parameter.Clone(), expectedBuffer = (float[])buffer.Clone();
                OptimizerKernels.SgdReference(expectedParameter, gradient, arguments.Momentum != 0 ? expectedBuffer : default, arguments);
                var p = Upload(parameter);
                var b = Upload(buffer);
                backend.SgdStep(p, Upload(gradient), arguments.Momentum != 0 ? b : null, arguments);
                Compare($"SGD {arguments} length {n}", p.ToArray(), ToDouble(expectedParameter), 1e-6, 1e-6);
                Compare($"SGD momentum buffer {arguments} length {n}", b.ToArray(), ToDouble(expectedBuffer), 1e-6, 1e-6);
            }
            foreach (var arguments in adamCases)
            {
                float[] parameter = Random(n), gradient = Random(n), expAvg = Random(n), expAvgSq = Random(n).Select(MathF.Abs).ToArray();
                float[] expectedParameter = (float[])parameter.Clone(), expectedAvg = (float[])expAvg.Clone(), expectedAvgSq = (float[])expAvgSq.Clone();
                OptimizerKernels.AdamReference(expectedParameter, gradient, expectedAvg, expectedAvgSq, arguments);
                Tensor p = Upload(parameter), m = Upload(expAvg), v = Upload(expAvgSq);
                backend.AdamStep(p, Upload(gradient), m, v, arguments);
                Compare($"Adam {arguments} length {n}", p.ToArray(), ToDouble(expectedParameter), 1e-6, 1e-5);
                Compare($"Adam first moment {arguments} length {n}", m.ToArray(), ToDouble(expectedAvg), 1e-6, 1e-6);
                Compare($"Adam second moment {arguments} length {n}", v.ToArray(), ToDouble(expectedAvgSq), 1e-6, 1e-6);
            }
            var x = Random(n);
            foreach (double power in new[] { 1.0, 2.0, 3.5, double.PositiveInfinity })
            {
                double expected = power == double.PositiveInfinity ? x.Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max() : x.Sum(v => Math.Pow(Math.Abs(v), power));
                Compare($"power sum p={power} length {n}", [(float)backend.PowerSum(Upload(x), power)], [expected], 1e-5, 1e-6);
            }
            var scaled = Upload(x);
            backend.ScaleInPlace(scaled, -0.37f);
            Compare($"scale length {n}", scaled.ToArray(), x.Select(v => (double)(v * -0.37f)).ToArray(), 0, 1e-7);
            var average = Random(n);
            var expectedAverage = (float[])average.Clone();
            OptimizerKernels.EmaReference(expectedAverage, x, 0.999f);
            var averageTensor = Upload(average);
            backend.EmaUpdate(averageTensor, Upload(x), 0.999f);
            Compare($"EMA length {n}", averageTensor.ToArray(), ToDouble(expectedAverage), 1e-7, 1e-6);
        }
    }
}
