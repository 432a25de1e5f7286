using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu.Reference;
using static Hark.Tensors.Tests.Ops.Numbers;

namespace Hark.Tensors.Tests.Ops;

/// <summary>The ops wire their kernels and gradients correctly: results and every input gradient equal the float64 reference.</summary>
public class KernelOpsTests
{
    private const double Atol = 1e-5, Rtol = 1e-4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Conv2dOutputAndGradientsMatchTheReference(bool withBias)
    {
        var random = new Generator(1);
        var g = new Conv2dGeometry(2, 4, 7, 9, 6, 3, 2, 2, 1, 1, 0, 1, 2, 2);
        var x = Leaf(random, 2, 4, 7, 9);
        var w = Leaf(random, 6, 2, 3, 2);
        var b = withBias ? Leaf(random, 6) : null;
        var y = Tensors.Ops.Conv2d(x, w, b, (2, 1), (1, 0), (1, 2), 2);
        Assert.Equal([2, 6, g.OutHeight, g.OutWidth], y.Shape);
        var dy = Gaussian(random, y.Numel);
        y.Backward(new Tensor(new CpuStorage(dy), y.Shape));

        var expected = new double[y.Numel];
        double[] bias = withBias ? ToDouble(b!.ToArray()) : [];
        ReferenceConv2d.Forward<double>(ToDouble(x.ToArray()), ToDouble(w.ToArray()), bias, expected, g);
        double[] dx = new double[x.Numel], dw = new double[w.Numel], db = new double[6];
        ReferenceConv2d.Backward<double>(ToDouble(x.ToArray()), ToDouble(w.ToArray()), ToDouble(dy), dx, dw, withBias ? db : [], g);
        AssertClose(expected, y.ToArray(), Atol, Rtol, "output");
        AssertClose(dx, x.Grad!.ToArray(), Atol, Rtol, "dInput");
        AssertClose(dw, w.Grad!.ToArray(), Atol, Rtol, "dWeight");
        if (withBias) AssertClose(db, b!.Grad!.ToArray(), Atol, Rtol, "dBias");
    }

    [Fact]
    public void TwoConvolutionsOfOneGeometryEachGetTheWeightGradientOfTheirOwnInput()
    {
        // the native backend keeps the last forward's reordered input for its backward: the first forward's backward must not get it
        var random = new Generator(3);
        var g = new Conv2dGeometry(2, 16, 6, 7, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        var w = Leaf(random, 16, 16, 3, 3);
        var x1 = Leaf(random, 2, 16, 6, 7);
        var x2 = Leaf(random, 2, 16, 6, 7);
        var dy1 = Gaussian(random, 2 * 16 * 6 * 7);
        var dy2 = Gaussian(random, 2 * 16 * 6 * 7);
        var y1 = Tensors.Ops.Conv2d(x1, w, padding: 1);
        var y2 = Tensors.Ops.Conv2d(x2, w, padding: 1);
        y1.Backward(new Tensor(new CpuStorage(dy1), y1.Shape));
        y2.Backward(new Tensor(new CpuStorage(dy2), y2.Shape));

        double[] dw = new double[w.Numel], unused = new double[x1.Numel];
        ReferenceConv2d.Backward<double>(ToDouble(x1.ToArray()), ToDouble(w.ToArray()), ToDouble(dy1), unused, dw, [], g);
        ReferenceConv2d.Backward<double>(ToDouble(x2.ToArray()), ToDouble(w.ToArray()), ToDouble(dy2), unused, dw, [], g);
        AssertClose(dw, w.Grad!.ToArray(), Atol, Rtol, "dWeight");
    }

    [Fact]
    public void PoolsAcceptThreeAndFourDimensionalInputsAndDefaultStrideToTheKernel()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), 1, 4, 4);
        Assert.Equal([5f, 7f, 13f, 15f], Tensors.Ops.MaxPool2d(x, 2).ToArray());
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], Tensors.Ops.AvgPool2d(x, 2).ToArray());
        Assert.Equal([7.5f], Tensors.Ops.AdaptiveAvgPool2d(x, 1).ToArray());
        Assert.Equal([15f], Tensors.Ops.AdaptiveMaxPool2d(Tensor.FromArray(x.ToArray(), 1, 1, 4, 4), 1).ToArray());
        Assert.Equal([1, 1, 1, 1], Tensors.Ops.AdaptiveMaxPool2d(Tensor.FromArray(x.ToArray(), 1, 1, 4, 4), 1).Shape);
    }

    [Fact]
    public void MaxPool2dSendsTheGradientToTheFirstMaximumOfEachWindow()
    {
        var x = new Tensor(new CpuStorage([1f, 3f, 3f, 0f]), 1, 1, 2, 2) { RequiresGrad = true };
        Tensors.Ops.MaxPool2d(x, 2).Backward(Tensor.Ones(1, 1, 1, 1));
        Assert.Equal([0f, 1f, 0f, 0f], x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(6, 8)]
    [InlineData(7, 13)]
    [InlineData(4, 35)]
    [InlineData(5, 257)]
    public void MaxPool2dTwoByTwoWithTiesAndNaNsEqualsTheReference(int height, int width)
    {
        var random = new Generator(5);
        int planes = 3;
        // values on a coarse grid so windows hold ties, and a few NaNs (the first NaN of a window wins)
        var values = Gaussian(random, planes * height * width).Select(v => MathF.Round((float)v * 2) / 2).ToArray();
        for (int i = 0; i < values.Length; i += 11) values[i] = float.NaN;
        var x = new Tensor(new CpuStorage(values), 1, planes, height, width) { RequiresGrad = true };
        var dy = Gaussian(random, planes * (height / 2) * (width / 2));
        var pooled = Tensors.Ops.MaxPool2d(x, 2);
        pooled.Backward(new Tensor(new CpuStorage(dy), 1, planes, height / 2, width / 2));

        var windows = PoolWindows.Fixed(height, width, (2, 2), (2, 2), (0, 0));
        var expectedPooled = new double[dy.Length];
        ReferencePool2d.MaxForward<double>(ToDouble(values), expectedPooled, planes, height, width, windows);
        Assert.Equal(expectedPooled.Select(v => (float)v), pooled.ToArray()); // NaN equals NaN here
        var expected = new double[values.Length];
        ReferencePool2d.MaxBackward<double>(ToDouble(values), ToDouble(dy), expected, planes, height, width, windows);
        AssertClose(expected, x.Grad!.ToArray(), 0, 0, "dx (first write)");

        // a second backward adds into the gradient the first one wrote
        Tensors.Ops.MaxPool2d(x, 2).Backward(new Tensor(new CpuStorage(dy), 1, planes, height / 2, width / 2));
        AssertClose(expected.Select(v => 2 * v).ToArray(), x.Grad!.ToArray(), 0, 0, "dx (accumulated)");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void BatchNormGradientsReachWhicheverAffineParametersExist(bool withWeight, bool withBias)
    {
        var random = new Generator(2);
        var x = Leaf(random, 3, 2, 5);
        var w = withWeight ? Leaf(random, 2) : null;
        var b = withBias ? Leaf(random, 2) : null;
        var runningMean = Tensor.Zeros(2);
        var runningVar = Tensor.Ones(2);
        var y = Tensors.Ops.BatchNorm(x, runningMean, runningVar, w, b, training: true);
        var dy = Gaussian(random, y.Numel);
        y.Backward(new Tensor(new CpuStorage(dy), y.Shape));

        double[] weight = w is null ? [] : ToDouble(w.ToArray()), bias = b is null ? [] : ToDouble(b.ToArray());
        double[] output = new double[x.Numel], mean = new double[2], invStd = new double[2], rm = new double[2], rv = [1, 1];
        ReferenceBatchNorm.ForwardTraining<double>(ToDouble(x.ToArray()), weight, bias, output, mean, invStd, rm, rv, 3, 2, 5, 0.1, 1e-5);
        double[] dx = new double[x.Numel], dw = new double[2], db = new double[2];
        ReferenceBatchNorm.Backward<double>(ToDouble(x.ToArray()), weight, mean, invStd, ToDouble(dy), dx, dw, db, 3, 2, 5, training: true);
        AssertClose(output, y.ToArray(), Atol, Rtol, "output");
        AssertClose(rm, runningMean.ToArray(), Atol, Rtol, "running mean");
        AssertClose(rv, runningVar.ToArray(), Atol, Rtol, "running var");
        AssertClose(dx, x.Grad!.ToArray(), Atol, Rtol, "dInput");
        if (withWeight) AssertClose(dw, w!.Grad!.ToArray(), Atol, Rtol, "dWeight");
        if (withBias) AssertClose(db, b!.Grad!.ToArray(), Atol, Rtol, "dBias");
    }

    [Theory]
    [InlineData(true, true, 0.01f, new[] { 3, 5, 7, 13 })]
    [InlineData(true, false, 0f, new[] { 2, 3, 17, 19 })]
    [InlineData(false, true, 0.2f, new[] { 3, 5, 7, 13 })]
    [InlineData(false, false, 0f, new[] { 4, 6, 33 })]
    [InlineData(true, true, 0f, new[] { 7, 3 })]
    public void BatchNormActivationEqualsBatchNormThenLeakyReluWithEveryGradient(bool training, bool affine, float negativeSlope, int[] shape)
    {
        int channels = shape[1];
        (Tensor Output, float[][] Gradients, float[] RunningMean, float[] RunningVar) Run(bool fused)
        {
            var random = new Generator(11);
            var x = Leaf(random, shape);
            var w = affine ? Leaf(random, channels) : null;
            var b = affine ? Leaf(random, channels) : null;
            var runningMean = new Tensor(new CpuStorage(Gaussian(random, channels)), channels);
            var runningVar = new Tensor(new CpuStorage(Gaussian(random, channels).Select(v => 0.5f + Math.Abs(v)).ToArray()), channels);
            var dy = Gaussian(random, x.Numel);
            var y = fused
                ? Tensors.Ops.BatchNormActivation(x, runningMean, runningVar, w, b, training, 0.1f, 1e-5f, negativeSlope)
                : negativeSlope == 0f
                    ? Tensors.Ops.Relu(Tensors.Ops.BatchNorm(x, runningMean, runningVar, w, b, training, 0.1f, 1e-5f))
                    : Tensors.Ops.LeakyRelu(Tensors.Ops.BatchNorm(x, runningMean, runningVar, w, b, training, 0.1f, 1e-5f), negativeSlope);
            y.Backward(new Tensor(new CpuStorage(dy), y.Shape));
            var gradients = new[] { x, w, b }.OfType<Tensor>().Select(t => t.Grad!.ToArray()).ToArray();
            return (y, gradients, runningMean.ToArray(), runningVar.ToArray());
        }

        var expected = Run(fused: false);
        var actual = Run(fused: true);
        AssertClose(expected.Output.ToArray(), actual.Output.ToArray(), 0, 0, "output");
        AssertClose(expected.RunningMean, actual.RunningMean, 0, 0, "running mean");
        AssertClose(expected.RunningVar, actual.RunningVar, 0, 0, "running var");
        Assert.Equal(expected.Gradients.Length, actual.Gradients.Length);
        for (int i = 0; i < expected.Gradients.Length; i++)
            AssertClose(expected.Gradients[i], actual.Gradients[i], 1e-6, 1e-5, $"gradient {i}");
    }

    [Fact]
    public void LinearMatchesInputTimesWeightTransposedPlusBiasWithGradients()
    {
        var random = new Generator(3);
        var x = Leaf(random, 2, 3, 5);
        var w = Leaf(random, 4, 5);
        var b = Leaf(random, 4);
        var y = Tensors.Ops.Linear(x, w, b);
        Assert.Equal([2, 3, 4], y.Shape);
        var dy = Gaussian(random, y.Numel);
        y.Backward(new Tensor(new CpuStorage(dy), y.Shape));

        double[] xs = ToDouble(x.ToArray()), ws = ToDouble(w.ToArray()), expected = new double[24], dx = new double[30], dw = new double[20];
        ReferenceGemm.Multiply<double>(false, true, 6, 4, 5, xs, 5, ws, 5, expected, 4, false);
        for (int r = 0; r < 6; r++)
            for (int j = 0; j < 4; j++) expected[r * 4 + j] += b.ToArray()[j];
        ReferenceGemm.Multiply<double>(false, false, 6, 5, 4, ToDouble(dy), 4, ws, 5, dx, 5, false);
        ReferenceGemm.Multiply<double>(true, false, 4, 5, 6, ToDouble(dy), 4, xs, 5, dw, 5, false);
        var db = new double[4];
        for (int r = 0; r < 6; r++)
            for (int j = 0; j < 4; j++) db[j] += dy[r * 4 + j];
        AssertClose(expected, y.ToArray(), Atol, Rtol, "output");
        AssertClose(dx, x.Grad!.ToArray(), Atol, Rtol, "dInput");
        AssertClose(dw, w.Grad!.ToArray(), Atol, Rtol, "dWeight");
        AssertClose(db, b.Grad!.ToArray(), Atol, Rtol, "dBias");
    }

    public static TheoryData<int[], int[], int[]> MatMulCases() => new()
    {
        { [5], [5], [] },
        { [5], [5, 3], [3] },
        { [4, 5], [5], [4] },
        { [4, 5], [5, 3], [4, 3] },
        { [2, 4, 5], [5, 3], [2, 4, 3] },
        { [4, 5], [2, 5, 3], [2, 4, 3] },
        { [2, 1, 4, 5], [3, 5, 3], [2, 3, 4, 3] },
        { [3], [2, 3, 2], [2, 2] },
    };

    [Theory]
    [MemberData(nameof(MatMulCases))]
    public void MatMulBroadcastsLikeTorchAndSumsGradientsOverBroadcastEntries(int[] shapeA, int[] shapeB, int[] expectedShape)
    {
        var random = new Generator(4);
        var a = Leaf(random, shapeA);
        var b = Leaf(random, shapeB);
        var y = Tensors.Ops.MatMul(a, b);
        Assert.Equal(expectedShape, y.Shape);
        var dy = Gaussian(random, y.Numel);
        y.Backward(new Tensor(new CpuStorage(dy), y.Shape));

        // Reference: expand both operands to the broadcast batch explicitly, multiply entry by entry in float64.
        int[] fullA = shapeA.Length == 1 ? [1, shapeA[0]] : shapeA, fullB = shapeB.Length == 1 ? [shapeB[0], 1] : shapeB;
        int m = fullA[^2], k = fullA[^1], n = fullB[^1];
        int[] batchA = fullA[..^2], batchB = fullB[..^2];
        int rank = Math.Max(batchA.Length, batchB.Length);
        int[] padA = [.. Enumerable.Repeat(1, rank - batchA.Length), .. batchA], padB = [.. Enumerable.Repeat(1, rank - batchB.Length), .. batchB];
        int[] batch = padA.Zip(padB, Math.Max).ToArray();
        int count = batch.Aggregate(1, (p, d) => p * d);
        double[] av = ToDouble(a.ToArray()), bv = ToDouble(b.ToArray()), dyv = ToDouble(dy);
        double[] expected = new double[count * m * n], da = new double[av.Length], db = new double[bv.Length];
        for (int i = 0; i < count; i++)
        {
            int rest = i, ea = 0, eb = 0, sa = 1, sb = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                int index = rest % batch[d];
                rest /= batch[d];
                ea += (padA[d] == 1 ? 0 : index) * sa;
                eb += (padB[d] == 1 ? 0 : index) * sb;
                sa *= padA[d];
                sb *= padB[d];
            }
            ReferenceGemm.Multiply<double>(false, false, m, n, k, av.AsSpan(ea * m * k), k, bv.AsSpan(eb * k * n), n, expected.AsSpan(i * m * n), n, false);
            ReferenceGemm.Multiply<double>(false, true, m, k, n, dyv.AsSpan(i * m * n), n, bv.AsSpan(eb * k * n), n, da.AsSpan(ea * m * k), k, true);
            ReferenceGemm.Multiply<double>(true, false, k, n, m, av.AsSpan(ea * m * k), k, dyv.AsSpan(i * m * n), n, db.AsSpan(eb * k * n), n, true);
        }
        AssertClose(expected, y.ToArray(), Atol, Rtol, "output");
        AssertClose(da, a.Grad!.ToArray(), Atol, Rtol, "dA");
        AssertClose(db, b.Grad!.ToArray(), Atol, Rtol, "dB");
    }

    [Fact]
    public void BmmMultipliesMatchingBatchEntries()
    {
        var random = new Generator(5);
        var a = Leaf(random, 3, 2, 4);
        var b = Leaf(random, 3, 4, 5);
        var viaBmm = Tensors.Ops.Bmm(a, b);
        var viaMatMul = Tensors.Ops.MatMul(a.Detach(), b.Detach());
        Assert.Equal([3, 2, 5], viaBmm.Shape);
        AssertClose(viaMatMul.ToArray(), viaBmm.ToArray(), 0, 0, "bmm vs matmul");
    }
}
