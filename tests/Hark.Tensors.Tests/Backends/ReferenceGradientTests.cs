using Hark.KernelCheck;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu.Reference;
using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Backends;

/// <summary>
/// Float64 finite-difference checks of every reference backward kernel: the fast kernels are tested against these
/// references, and the references against calculus.
/// </summary>
public class ReferenceGradientTests
{
    public static TheoryData<UnaryOp> UnaryOps() => new(Enum.GetValues<UnaryOp>());
    public static TheoryData<BinaryOp> BinaryOps() => new(Enum.GetValues<BinaryOp>());

    private static double[] Gaussian(int n, int seed)
    {
        var generator = new Generator((ulong)seed);
        return Enumerable.Range(0, n).Select(_ => generator.NextGaussian()).ToArray();
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryBackwardMatchesFiniteDifferences(UnaryOp op)
    {
        var generator = new Generator(21);
        var (alpha, beta) = UnaryDomain.Parameters(op);
        var x = Enumerable.Range(0, 41).Select(_ => UnaryDomain.Sample(op, generator)).ToArray();
        GradCheck.Check(
            input =>
            {
                var y = new double[input.Length];
                ReferenceElementwise.Unary<double>(op, input, y, alpha, beta);
                return y;
            },
            (input, dy, dx) =>
            {
                var y = new double[input.Length];
                ReferenceElementwise.Unary<double>(op, input, y, alpha, beta);
                ReferenceElementwise.UnaryBackward<double>(op, input, y, dy, dx, alpha, beta);
            },
            x, what: $"{op}");
    }

    [Fact]
    public void ReferenceErfAgreesWithKnownValues()
    {
        (double X, double Erf)[] table = [(0, 0), (0.5, 0.5204998778130465), (1, 0.8427007929497149), (2, 0.9953222650189527),
            (1.4, 0.9522851197626487), (1.6, 0.976348383344644), (2.9, 0.9999589021219005), (3.1, 0.9999883513426328), (4, 0.9999999845827421), (-1.5, -0.9661051464753108)];
        foreach (var (x, erf) in table)
            Assert.Equal(erf, UnaryFunctions.Erf(x), 1e-14);
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryBackwardWithBroadcastingMatchesFiniteDifferences(BinaryOp op)
    {
        int[] aShape = [2, 3, 4], bShape = [3, 1];
        var a = Gaussian(24, 1);
        var b = Gaussian(3, 2).Select(v => op == BinaryOp.Div ? Math.CopySign(0.5 + Math.Abs(v), v) : v).ToArray();
        int[] outShape = [2, 3, 4];
        double[] Forward(double[] ab)
        {
            var y = new double[24];
            ReferenceBroadcast.Binary<double>(op, ab.AsSpan(0, 24), aShape, ab.AsSpan(24), bShape, y, outShape);
            return y;
        }
        GradCheck.Check(Forward,
            (ab, dy, dab) => ReferenceBroadcast.BinaryBackward<double>(op, ab.AsSpan(0, 24), aShape, ab.AsSpan(24), bShape, dy, outShape,
                dab.AsSpan(0, 24), dab.AsSpan(24)),
            [.. a, .. b], what: $"{op}");
    }

    [Fact]
    public void SumToAndBroadcastToAreAdjointAndMatchFiniteDifferences()
    {
        int[] large = [2, 3, 4], small = [1, 3, 1];
        GradCheck.Check(
            x => { var y = new double[3]; ReferenceBroadcast.SumTo<double>(x, large, y, small, 0.5, false); return y; },
            (x, dy, dx) => ReferenceBroadcast.BroadcastTo<double>(dy, small, dx, large, 0.5, true),
            Gaussian(24, 3), what: "SumTo");
        GradCheck.Check(
            x => { var y = new double[24]; ReferenceBroadcast.BroadcastTo<double>(x, small, y, large, 0.5, false); return y; },
            (x, dy, dx) => ReferenceBroadcast.SumTo<double>(dy, large, dx, small, 0.5, true),
            Gaussian(3, 4), what: "BroadcastTo");
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 3)]
    public void SoftmaxBackwardMatchesFiniteDifferences(bool log, int inner)
    {
        GradCheck.Check(
            x => { var y = new double[x.Length]; ReferenceSoftmax.Softmax<double>(x, y, 2, 7, inner, log); return y; },
            (x, dy, dx) =>
            {
                var y = new double[x.Length];
                ReferenceSoftmax.Softmax<double>(x, y, 2, 7, inner, log);
                ReferenceSoftmax.SoftmaxBackward<double>(y, dy, dx, 2, 7, inner, log);
            },
            Gaussian(2 * 7 * inner, 5).Select(v => 3 * v).ToArray(), what: log ? "log-softmax" : "softmax");
    }

    [Fact]
    public void MaxBackwardMatchesFiniteDifferences()
    {
        GradCheck.Check(
            x => { var y = new double[6]; ReferenceReductions.MaxAlongAxis<double>(x, y, 2, 5, 3); return y; },
            (x, dy, dx) => ReferenceReductions.MaxAlongAxisBackward<double>(x, dy, dx, 2, 5, 3),
            Gaussian(30, 6), what: "max");
    }

    [Fact]
    public void PermuteAndCopyRegionBackwardMatchFiniteDifferences()
    {
        int[] shape = [2, 3, 4], dims = [2, 0, 1], inverse = [1, 2, 0];
        GradCheck.Check(
            x => { var y = new double[24]; ReferenceLayout.Permute<double>(x, shape, y, dims, false); return y; },
            (x, dy, dx) => ReferenceLayout.Permute<double>(dy, [4, 2, 3], dx, inverse, true),
            Gaussian(24, 7), what: "permute");
        int[] sourceStart = [0, 1, 1], destinationStart = [1, 0, 2], extent = [2, 2, 3], destinationShape = [3, 3, 5];
        GradCheck.Check(
            x => { var y = new double[45]; ReferenceLayout.CopyRegion<double>(x, shape, sourceStart, y, destinationShape, destinationStart, extent, false); return y; },
            (x, dy, dx) => ReferenceLayout.CopyRegion<double>(dy, destinationShape, destinationStart, dx, shape, sourceStart, extent, true),
            Gaussian(24, 8), what: "copy region");
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, false)]
    [InlineData(0.2, true)]
    public void CrossEntropyThroughLogSoftmaxMatchesFiniteDifferences(double labelSmoothing, bool weighted)
    {
        int batch = 4, classes = 5;
        int[] targets = [3, 0, 4, 1];
        var weight = weighted ? new[] { 0.5, 1.5, 1.0, 2.0, 0.7 } : [];
        double[] Forward(double[] logits)
        {
            var logp = new double[logits.Length];
            ReferenceSoftmax.Softmax<double>(logits, logp, batch, classes, 1, log: true);
            var loss = new double[batch];
            ReferenceLosses.ClassIndexCrossEntropy<double>(logp, targets, weight, labelSmoothing, loss);
            return loss;
        }
        GradCheck.Check(Forward,
            (logits, dLoss, dLogits) =>
            {
                var logp = new double[logits.Length];
                ReferenceSoftmax.Softmax<double>(logits, logp, batch, classes, 1, log: true);
                var dLogp = new double[logits.Length];
                ReferenceLosses.ClassIndexCrossEntropyBackward<double>(dLoss, targets, weight, labelSmoothing, dLogp);
                ReferenceSoftmax.SoftmaxBackward<double>(logp, dLogp, dLogits, batch, classes, 1, log: true);
            },
            Gaussian(batch * classes, 9), what: "cross entropy");
    }
}
