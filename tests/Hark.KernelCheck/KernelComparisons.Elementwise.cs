using Hark.Tensors;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>Large enough that a CPU backend splits the loop over its cores.</summary>
    private const int ParallelLength = 3 * (1 << 16) + 13;

    /// <summary>
    /// Unary forward and backward for every op and every length 0..257 (each vector tail) plus one split over cores; Binary
    /// same-shape, scalar and broadcast; dropout masks, which every backend must draw exactly as CounterRandom does.
    /// </summary>
    public void Elementwise()
    {
        foreach (int n in new[] { 0, 1, 15, 16, 17, 33, 257, ParallelLength })
            foreach (float p in new[] { 0.1f, 0.5f, 1f })
            {
                var mask = Empty([n]);
                backend.DropoutMask(mask, p, seed: 0xC0FFEE);
                Compare($"dropout mask p={p} length {n}", mask.ToArray(), Enumerable.Range(0, n).Select(i => (double)CounterRandom.DropoutMask(0xC0FFEE, i, p)).ToArray(), 0, 0);
            }
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            for (int n = 0; n <= 257; n++) Unary(op, n);
            Unary(op, ParallelLength);
        }
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            for (int n = 0; n <= 257; n += n < 40 ? 1 : 31)
            {
                Binary(op, [n], [n]);
                Binary(op, [n], []);
                Binary(op, [1], [n]);
            }
            int[][][] pairs =
            [
                [[2, 3, 4, 5], [1, 3, 1, 1]], [[2, 3, 4, 5], [2, 3, 1, 1]], [[2, 3, 4, 5], [5]], [[4, 1, 3], [1, 5, 1]],
                [[3, 1], [7]], [[1, 7, 1, 9], [5, 1, 11, 1]], [[6, 1, 17], [6, 13, 17]], [[0, 3], [1, 3]],
                [[64, 33, 40], [1, 33, 1]], [[7, 1, 5], [7, 3001, 5]],
            ];
            foreach (var pair in pairs)
            {
                Binary(op, pair[0], pair[1]);
                Binary(op, pair[1], pair[0]);
            }
        }
    }

    private void Unary(UnaryOp op, int n)
    {
        var (alpha, beta) = UnaryDomain.Parameters(op);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)UnaryDomain.Sample(op, random);
        var dy = Random(n);
        var dxStart = Random(n);
        var input = Upload(x);
        var output = Zeros(n);
        backend.Unary(op, input, output, alpha, beta);
        var dInput = Upload(dxStart);
        backend.UnaryBackward(op, input, output, Upload(dy), dInput, alpha, beta);

        var xd = ToDouble(x);
        var expected = new double[n];
        ReferenceElementwise.Unary<double>(op, xd, expected, alpha, beta);
        var expectedDx = ToDouble(dxStart);
        ReferenceElementwise.UnaryBackward<double>(op, xd, expected, ToDouble(dy), expectedDx, alpha, beta);
        Compare($"{op} forward, length {n}", output.ToArray(), expected, 1e-6, 1e-5);
        Compare($"{op} backward, length {n}", dInput.ToArray(), expectedDx, 1e-5, 1e-5);
    }

    private void Binary(BinaryOp op, int[] aShape, int[] bShape)
    {
        var a = Random(ReferenceShapes.Numel(aShape));
        // divisors kept away from zero, so the comparison measures the kernel, not cancellation
        var b = Random(ReferenceShapes.Numel(bShape)).Select(v => op == BinaryOp.Div ? MathF.CopySign(0.5f + MathF.Abs(v), v) : v).ToArray();
        int rank = Math.Max(aShape.Length, bShape.Length);
        var outShape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = d - (rank - aShape.Length) >= 0 ? aShape[d - (rank - aShape.Length)] : 1;
            int db = d - (rank - bShape.Length) >= 0 ? bShape[d - (rank - bShape.Length)] : 1;
            outShape[d] = da == 1 ? db : da;
        }
        var output = Zeros(outShape);
        backend.Binary(op, Upload(a, aShape), Upload(b, bShape), output);
        var expected = new double[output.Numel];
        ReferenceBroadcast.Binary<double>(op, ToDouble(a), aShape, ToDouble(b), bShape, expected, outShape);
        Compare($"{op} {ShapeException.Format(aShape)} with {ShapeException.Format(bShape)}", output.ToArray(), expected, 1e-6, 1e-6);
    }
}
