using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu;
using Hark.Tensors.Backends.Cpu.Reference;
using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Backends;

/// <summary>The SIMD elementwise kernels against the plain reference run in double, for every length 0..257 so every vector tail runs.</summary>
public class ElementwiseKernelTests
{
    private static readonly CpuBackend Fast = new(forceManaged: true);

    public static TheoryData<UnaryOp> UnaryOps() => new(Enum.GetValues<UnaryOp>());
    public static TheoryData<BinaryOp> BinaryOps() => new(Enum.GetValues<BinaryOp>());

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_forward_and_backward_match_the_reference_for_lengths_0_to_257(UnaryOp op)
    {
        var generator = new Generator(11);
        var (alpha, beta) = KernelTestData.Parameters(op);
        for (int n = 0; n <= 257; n++)
            CompareUnary(op, n, alpha, beta, generator);
    }

    [Theory]
    [InlineData(UnaryOp.Relu)]
    [InlineData(UnaryOp.Gelu)]
    [InlineData(UnaryOp.Sigmoid)]
    public void Unary_kernels_split_across_cores_match_the_reference(UnaryOp op)
    {
        CompareUnary(op, 3 * CpuParallel.ElementwiseThreshold + 13, 0f, 0f, new Generator(5));
    }

    private static void CompareUnary(UnaryOp op, int n, float alpha, float beta, Generator generator)
    {
        var x = Enumerable.Range(0, n).Select(_ => (float)KernelTestData.Sample(op, generator)).ToArray();
        var dy = KernelTestData.Gaussian(n, generator);
        var dxStart = KernelTestData.Gaussian(n, generator);

        var input = Tensor.FromArray(x, n);
        var output = Tensor.Zeros(n);
        Fast.Unary(op, input, output, alpha, beta);
        var dInput = Tensor.FromArray((float[])dxStart.Clone(), n);
        Fast.UnaryBackward(op, input, output, Tensor.FromArray(dy, n), dInput, alpha, beta);

        var xd = KernelTestData.ToDouble(x);
        var expected = new double[n];
        ReferenceElementwise.Unary<double>(op, xd, expected, alpha, beta);
        var expectedDx = KernelTestData.ToDouble(dxStart);
        ReferenceElementwise.UnaryBackward<double>(op, xd, expected, KernelTestData.ToDouble(dy), expectedDx, alpha, beta);

        TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-6, 1e-5, $"{op} forward, length {n}");
        TensorAssert.Close(expectedDx, KernelTestData.ToDouble(dInput.Span), 1e-5, 1e-5, $"{op} backward, length {n}");
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_same_shape_and_scalar_operands_match_the_reference_for_lengths_0_to_257(BinaryOp op)
    {
        var generator = new Generator(3);
        for (int n = 0; n <= 257; n++)
        {
            CompareBinary(op, [n], [n], generator);
            CompareBinary(op, [n], [], generator);
            CompareBinary(op, [1], [n], generator);
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_broadcasts_match_the_reference(BinaryOp op)
    {
        var generator = new Generator(4);
        int[][][] pairs =
        [
            [[2, 3, 4, 5], [1, 3, 1, 1]],
            [[2, 3, 4, 5], [2, 3, 1, 1]],
            [[2, 3, 4, 5], [5]],
            [[4, 1, 3], [1, 5, 1]],
            [[3, 1], [7]],
            [[1, 7, 1, 9], [5, 1, 11, 1]],
            [[6, 1, 17], [6, 13, 17]],
            [[0, 3], [1, 3]],
        ];
        foreach (var pair in pairs)
        {
            CompareBinary(op, pair[0], pair[1], generator);
            CompareBinary(op, pair[1], pair[0], generator);
        }
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_broadcasts_split_across_cores_match_the_reference(BinaryOp op)
    {
        var generator = new Generator(6);
        CompareBinary(op, [64, 33, 40], [1, 33, 1], generator);
        CompareBinary(op, [7, 1, 5], [7, 3001, 5], generator);
    }

    private static void CompareBinary(BinaryOp op, int[] aShape, int[] bShape, Generator generator)
    {
        var a = KernelTestData.Gaussian(ReferenceShapes.Numel(aShape), generator);
        // keep divisors away from zero so the comparison measures the kernel, not cancellation
        var b = KernelTestData.Gaussian(ReferenceShapes.Numel(bShape), generator).Select(v => op == BinaryOp.Div ? MathF.CopySign(0.5f + MathF.Abs(v), v) : v).ToArray();
        int rank = Math.Max(aShape.Length, bShape.Length);
        var outShape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int da = d - (rank - aShape.Length) >= 0 ? aShape[d - (rank - aShape.Length)] : 1;
            int db = d - (rank - bShape.Length) >= 0 ? bShape[d - (rank - bShape.Length)] : 1;
            outShape[d] = da == 1 ? db : da;
        }
        var output = Tensor.Zeros(outShape);
        Fast.Binary(op, new Tensor(new CpuStorage(a), aShape), new Tensor(new CpuStorage(b), bShape), output);
        var expected = new double[output.Numel];
        ReferenceBroadcast.Binary<double>(op, KernelTestData.ToDouble(a), aShape, KernelTestData.ToDouble(b), bShape, expected, outShape);
        TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-6, 1e-6,
            $"{op} {ShapeException.Format(aShape)} with {ShapeException.Format(bShape)}");
    }
}
