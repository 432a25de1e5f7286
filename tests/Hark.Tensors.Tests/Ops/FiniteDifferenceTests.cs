using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.Tensors.Tests.Ops;

/// <summary>
/// The float64 reference backward kernels against central finite differences of the reference forward kernels:
/// for loss = sum(r * f(x)) with a random r, d loss / d x_i is compared with (loss(x + h e_i) - loss(x - h e_i)) / 2h.
/// The fast float kernels are in turn checked against these references (KernelCheckTests).
/// </summary>
public class FiniteDifferenceTests
{
    private const double Step = 1e-6, Tolerance = 1e-6;

    private static double[] Gaussian(Generator random, int length, double offset = 0)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = offset + random.NextGaussian();
        return values;
    }

    /// <summary>Checks analytic against numeric gradients of loss(values) for every element of values.</summary>
    private static void CheckGradient(string what, double[] values, double[] analytic, Func<double> loss)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double up = loss();
            values[i] = saved - Step;
            double down = loss();
            values[i] = saved;
            double numeric = (up - down) / (2 * Step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= Tolerance * (1 + Math.Abs(numeric)),
                $"{what}[{i}]: analytic {analytic[i]}, finite difference {numeric}");
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static TheoryData<Conv2dGeometry> ConvCases() => new(KernelCheck.KernelComparisons.ConvCases().Take(7));

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2dBackwardMatchesFiniteDifferences(Conv2dGeometry g)
    {
        var random = new Generator(7);
        var input = Gaussian(random, g.Batch * g.InChannels * g.InHeight * g.InWidth);
        var weight = Gaussian(random, g.OutChannels * g.PatchSize);
        var bias = Gaussian(random, g.OutChannels);
        var r = Gaussian(random, g.Batch * g.OutChannels * g.OutHeight * g.OutWidth);
        double Loss()
        {
            var output = new double[r.Length];
            ReferenceConv2d.Forward<double>(input, weight, bias, output, g);
            return Dot(output, r);
        }
        double[] dInput = new double[input.Length], dWeight = new double[weight.Length], dBias = new double[bias.Length];
        ReferenceConv2d.Backward<double>(input, weight, r, dInput, dWeight, dBias, g);
        CheckGradient("dInput", input, dInput, Loss);
        CheckGradient("dWeight", weight, dWeight, Loss);
        CheckGradient("dBias", bias, dBias, Loss);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void GemmGradientsMatchFiniteDifferences(bool transposeA, bool transposeB)
    {
        // C = op(A) op(B): dA follows from dC op(B)^T and dB from op(A)^T dC, computed with the same reference GEMM.
        int m = 3, n = 5, k = 7;
        var random = new Generator(8);
        var a = Gaussian(random, m * k);
        var b = Gaussian(random, k * n);
        var r = Gaussian(random, m * n);
        int lda = transposeA ? m : k, ldb = transposeB ? k : n;
        double Loss()
        {
            var c = new double[m * n];
            ReferenceGemm.Multiply<double>(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, n, false);
            return Dot(c, r);
        }
        var dA = new double[a.Length];
        if (transposeA) ReferenceGemm.Multiply<double>(transposeB, true, k, m, n, b, ldb, r, n, dA, m, false);
        else ReferenceGemm.Multiply<double>(false, !transposeB, m, k, n, r, n, b, ldb, dA, k, false);
        var dB = new double[b.Length];
        if (transposeB) ReferenceGemm.Multiply<double>(true, transposeA, n, k, m, r, n, a, lda, dB, k, false);
        else ReferenceGemm.Multiply<double>(!transposeA, false, k, n, m, a, lda, r, n, dB, n, false);
        CheckGradient("dA", a, dA, Loss);
        CheckGradient("dB", b, dB, Loss);
    }

    public static TheoryData<int, int, int, int, int, int, int, int, bool> PoolCases() => new()
    {
        // height, width, kernelH, kernelW, strideH, strideW, padH, padW, adaptive (then kernel = output size)
        { 5, 7, 2, 2, 2, 2, 0, 0, false },
        { 7, 13, 3, 2, 2, 1, 1, 1, false },
        { 7, 13, 3, 5, 0, 0, 0, 0, true },
        { 6, 5, 1, 1, 0, 0, 0, 0, true },
    };

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void PoolBackwardMatchesFiniteDifferences(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, bool adaptive)
    {
        var windows = adaptive ? PoolWindows.Adaptive(h, w, (kh, kw)) : PoolWindows.Fixed(h, w, (kh, kw), (sh, sw), (ph, pw));
        int planes = 2;
        var random = new Generator(9);
        var input = Gaussian(random, planes * h * w);
        var r = Gaussian(random, planes * windows.OutHeight * windows.OutWidth);
        double MaxLoss()
        {
            var output = new double[r.Length];
            ReferencePool2d.MaxForward<double>(input, output, planes, h, w, windows);
            return Dot(output, r);
        }
        double AvgLoss()
        {
            var output = new double[r.Length];
            ReferencePool2d.AvgForward<double>(input, output, planes, h, w, windows);
            return Dot(output, r);
        }
        var dMax = new double[input.Length];
        ReferencePool2d.MaxBackward<double>(input, r, dMax, planes, h, w, windows);
        CheckGradient("max dInput", input, dMax, MaxLoss);
        var dAvg = new double[input.Length];
        ReferencePool2d.AvgBackward<double>(r, dAvg, planes, h, w, windows);
        CheckGradient("avg dInput", input, dAvg, AvgLoss);
    }

    [Theory]
    [InlineData(4, 3, 1, true)]
    [InlineData(3, 2, 5, true)]
    [InlineData(2, 3, 6, true)]
    [InlineData(2, 3, 6, false)]
    public void BatchNormBackwardMatchesFiniteDifferences(int batch, int channels, int spatial, bool training)
    {
        var random = new Generator(10);
        var input = Gaussian(random, batch * channels * spatial, offset: 2);
        var weight = Gaussian(random, channels);
        var bias = Gaussian(random, channels);
        var runningMean = Gaussian(random, channels);
        var runningVar = Gaussian(random, channels).Select(v => 0.5 + Math.Abs(v)).ToArray();
        var r = Gaussian(random, input.Length);
        var mean = new double[channels];
        var invStd = new double[channels];
        double Loss()
        {
            var output = new double[input.Length];
            if (training)
                ReferenceBatchNorm.ForwardTraining<double>(input, weight, bias, output, mean, invStd, [], [], batch, channels, spatial, 0.1, 1e-5);
            else
                ReferenceBatchNorm.ForwardInference<double>(input, runningMean, runningVar, weight, bias, output, mean, invStd, batch, channels, spatial, 1e-5);
            return Dot(output, r);
        }
        Loss();
        double[] dInput = new double[input.Length], dWeight = new double[channels], dBias = new double[channels];
        ReferenceBatchNorm.Backward<double>(input, weight, mean, invStd, r, dInput, dWeight, dBias, batch, channels, spatial, training);
        CheckGradient("dInput", input, dInput, Loss);
        CheckGradient("dWeight", weight, dWeight, Loss);
        CheckGradient("dBias", bias, dBias, Loss);
    }
}
