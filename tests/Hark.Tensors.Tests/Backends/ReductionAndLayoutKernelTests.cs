using Hark.Tensors.Backends.Cpu;
using Hark.Tensors.Backends.Cpu.Reference;
using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Backends;

/// <summary>The CPU reduction, layout and softmax kernels against their plain references over odd shapes and lengths 0..257.</summary>
public class ReductionAndLayoutKernelTests
{
    private static readonly CpuBackend Fast = new(forceManaged: true);

    private static Tensor Random(Generator generator, params int[] shape) =>
        new(new CpuStorage(KernelTestData.Gaussian(ReferenceShapes.Numel(shape), generator)), shape);

    public static TheoryData<int[], int[]> ReducedShapes() => new()
    {
        { [2, 3, 4, 5], [1, 3, 1, 1] },
        { [2, 3, 4, 5], [2, 3, 1, 1] },
        { [2, 3, 4, 5], [1, 1, 1, 1] },
        { [2, 3, 4, 5], [2, 1, 4, 1] },
        { [7, 13], [1, 13] },
        { [7, 13], [7, 1] },
        { [1, 9, 1], [1, 1, 1] },
        { [0, 4], [1, 4] },
        { [3, 0], [3, 1] },
        { [64, 33, 40], [1, 33, 1] },
        { [5, 3001, 7], [5, 1, 7] },
        { [16, 8, 30, 30], [16, 8, 1, 1] },
        { [300, 301], [300, 1] },
    };

    [Theory]
    [MemberData(nameof(ReducedShapes))]
    public void SumTo_and_BroadcastTo_match_the_reference(int[] large, int[] small)
    {
        var generator = new Generator(8);
        foreach (bool accumulate in new[] { false, true })
        {
            var input = Random(generator, large);
            var output = Random(generator, small);
            var expected = KernelTestData.ToDouble(output.Span);
            ReferenceBroadcast.SumTo<double>(KernelTestData.ToDouble(input.Span), large, expected, small, 0.5, accumulate);
            Fast.SumTo(input, output, 0.5f, accumulate);
            TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-5, 1e-5, $"SumTo {ShapeException.Format(large)} -> {ShapeException.Format(small)}");

            var source = Random(generator, small);
            var destination = Random(generator, large);
            var expectedBroadcast = KernelTestData.ToDouble(destination.Span);
            ReferenceBroadcast.BroadcastTo<double>(KernelTestData.ToDouble(source.Span), small, expectedBroadcast, large, -2.0, accumulate);
            Fast.BroadcastTo(source, destination, -2f, accumulate);
            TensorAssert.Close(expectedBroadcast, KernelTestData.ToDouble(destination.Span), 1e-6, 1e-6, $"BroadcastTo {ShapeException.Format(small)} -> {ShapeException.Format(large)}");
        }
    }

    [Fact]
    public void SumTo_over_a_row_matches_the_reference_for_lengths_0_to_257()
    {
        var generator = new Generator(9);
        for (int n = 0; n <= 257; n++)
        {
            var input = Random(generator, 3, n);
            var output = Tensor.Zeros(3, 1);
            Fast.SumTo(input, output, 1f, accumulate: false);
            var expected = new double[3];
            ReferenceBroadcast.SumTo<double>(KernelTestData.ToDouble(input.Span), [3, n], expected, [3, 1], 1.0, false);
            TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-5, 1e-5, $"row sums of length {n}");
        }
    }

    [Fact]
    public void Permute_matches_the_reference_forward_and_accumulating()
    {
        var generator = new Generator(10);
        (int[] Shape, int[] Dims)[] cases =
        [
            ([2, 3, 4], [2, 0, 1]), ([2, 3, 4, 5], [0, 2, 3, 1]), ([2, 3, 4, 5], [3, 2, 1, 0]),
            ([7, 13], [1, 0]), ([1, 5, 1, 3], [3, 1, 0, 2]), ([4, 0, 2], [2, 1, 0]), ([17], [0]),
        ];
        foreach (var (shape, dims) in cases)
            foreach (bool accumulate in new[] { false, true })
            {
                var input = Random(generator, shape);
                var output = Random(generator, dims.Select(d => shape[d]).ToArray());
                var expected = KernelTestData.ToDouble(output.Span);
                ReferenceLayout.Permute<double>(KernelTestData.ToDouble(input.Span), shape, expected, dims, accumulate);
                Fast.Permute(input, output, dims, accumulate);
                TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-6, 0, $"Permute {ShapeException.Format(shape)} by [{string.Join(",", dims)}]");
            }
    }

    [Fact]
    public void CopyRegion_matches_the_reference_for_random_boxes()
    {
        var generator = new Generator(12);
        for (int trial = 0; trial < 200; trial++)
        {
            int rank = 1 + generator.NextInt(4);
            var sourceShape = new int[rank];
            var destinationShape = new int[rank];
            var extent = new int[rank];
            var sourceStart = new int[rank];
            var destinationStart = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                extent[d] = generator.NextInt(5);
                sourceStart[d] = generator.NextInt(3);
                destinationStart[d] = generator.NextInt(3);
                sourceShape[d] = sourceStart[d] + extent[d] + generator.NextInt(3);
                destinationShape[d] = destinationStart[d] + extent[d] + generator.NextInt(3);
            }
            bool accumulate = trial % 2 == 1;
            var source = Random(generator, sourceShape);
            var destination = Random(generator, destinationShape);
            var expected = KernelTestData.ToDouble(destination.Span);
            ReferenceLayout.CopyRegion<double>(KernelTestData.ToDouble(source.Span), sourceShape, sourceStart, expected, destinationShape, destinationStart, extent, accumulate);
            Fast.CopyRegion(source, sourceStart, destination, destinationStart, extent, accumulate);
            TensorAssert.Close(expected, KernelTestData.ToDouble(destination.Span), 1e-6, 0, $"CopyRegion trial {trial}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Softmax_matches_the_reference_for_lengths_1_to_257(bool log)
    {
        var generator = new Generator(13);
        for (int n = 1; n <= 257; n++)
            foreach (int inner in new[] { 1, 3 })
            {
                var input = Random(generator, 2, n, inner);
                var output = Tensor.Zeros(2, n, inner);
                Fast.Softmax(input, output, 2, n, inner, log);
                var expected = new double[input.Numel];
                ReferenceSoftmax.Softmax<double>(KernelTestData.ToDouble(input.Span), expected, 2, n, inner, log);
                TensorAssert.Close(expected, KernelTestData.ToDouble(output.Span), 1e-6, 1e-5, $"softmax (log {log}) length {n} inner {inner}");

                var dOutput = Random(generator, 2, n, inner);
                var dInput = Random(generator, 2, n, inner);
                var expectedDx = KernelTestData.ToDouble(dInput.Span);
                ReferenceSoftmax.SoftmaxBackward<double>(expected, KernelTestData.ToDouble(dOutput.Span), expectedDx, 2, n, inner, log);
                Fast.SoftmaxBackward(output, dOutput, dInput, 2, n, inner, log);
                TensorAssert.Close(expectedDx, KernelTestData.ToDouble(dInput.Span), 1e-5, 1e-4, $"softmax backward (log {log}) length {n} inner {inner}");
            }
    }

    [Fact]
    public void Max_along_an_axis_matches_the_reference_for_lengths_1_to_257()
    {
        var generator = new Generator(14);
        for (int n = 1; n <= 257; n++)
            foreach (int inner in new[] { 1, 5 })
            {
                var input = Random(generator, 3, n, inner);
                var values = Tensor.Zeros(3, inner);
                Fast.MaxAlongAxis(input, values, 3, n, inner);
                var expected = new float[3 * inner];
                ReferenceReductions.MaxAlongAxis<float>(input.Span, expected, 3, n, inner);
                TensorAssert.Close(expected, values.Span, 0, 0, $"max length {n} inner {inner}");

                var dValues = Random(generator, 3, inner);
                var dInput = Tensor.Zeros(3, n, inner);
                Fast.MaxAlongAxisBackward(input, values, dValues, dInput, 3, n, inner);
                var expectedDx = new float[input.Numel];
                ReferenceReductions.MaxAlongAxisBackward<float>(input.Span, dValues.Span, expectedDx, 3, n, inner);
                TensorAssert.Close(expectedDx, dInput.Span, 0, 0, $"max backward length {n} inner {inner}");
            }
    }
}
