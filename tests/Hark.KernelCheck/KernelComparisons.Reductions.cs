using Hark.Tensors;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>SumTo and its adjoint BroadcastTo (overwriting and accumulating), row sums of every length 0..257, MaxAlongAxis forward and backward.</summary>
    public void Reductions()
    {
        int[][][] reduced =
        [
            [[2, 3, 4, 5], [1, 3, 1, 1]], [[2, 3, 4, 5], [2, 3, 1, 1]], [[2, 3, 4, 5], [1, 1, 1, 1]], [[2, 3, 4, 5], [2, 1, 4, 1]],
            [[7, 13], [1, 13]], [[7, 13], [7, 1]], [[1, 9, 1], [1, 1, 1]], [[0, 4], [1, 4]], [[3, 0], [3, 1]],
            [[64, 33, 40], [1, 33, 1]], [[5, 3001, 7], [5, 1, 7]], [[16, 8, 30, 30], [16, 8, 1, 1]], [[300, 301], [300, 1]],
        ];
        foreach (var pair in reduced)
            foreach (bool accumulate in new[] { false, true })
            {
                int[] large = pair[0], small = pair[1];
                var input = Random(ReferenceShapes.Numel(large));
                var start = Random(ReferenceShapes.Numel(small));
                var expected = ToDouble(start);
                ReferenceBroadcast.SumTo<double>(ToDouble(input), large, expected, small, 0.5, accumulate);
                var output = Upload(start, small);
                backend.SumTo(Upload(input, large), output, 0.5f, accumulate);
                Compare($"SumTo {ShapeException.Format(large)} -> {ShapeException.Format(small)}", output.ToArray(), expected, 1e-5, 1e-5);

                var source = Random(ReferenceShapes.Numel(small));
                var destinationStart = Random(ReferenceShapes.Numel(large));
                var expectedBroadcast = ToDouble(destinationStart);
                ReferenceBroadcast.BroadcastTo<double>(ToDouble(source), small, expectedBroadcast, large, -2.0, accumulate);
                var destination = Upload(destinationStart, large);
                backend.BroadcastTo(Upload(source, small), destination, -2f, accumulate);
                Compare($"BroadcastTo {ShapeException.Format(small)} -> {ShapeException.Format(large)}", destination.ToArray(), expectedBroadcast, 1e-6, 1e-6);
            }
        for (int n = 0; n <= 257; n++)
        {
            var input = Random(3 * n);
            var expected = new double[3];
            ReferenceBroadcast.SumTo<double>(ToDouble(input), [3, n], expected, [3, 1], 1.0, false);
            var output = Zeros(3, 1);
            backend.SumTo(Upload(input, [3, n]), output, 1f, accumulate: false);
            Compare($"row sums of length {n}", output.ToArray(), expected, 1e-5, 1e-5);
        }
        for (int n = 1; n <= 257; n += n < 40 ? 1 : 17)
            foreach (int inner in new[] { 1, 5 })
            {
                var input = Random(3 * n * inner);
                var expected = new float[3 * inner];
                ReferenceReductions.MaxAlongAxis<float>(input, expected, 3, n, inner);
                var values = Zeros(3, inner);
                var x = Upload(input, [3, n, inner]);
                backend.MaxAlongAxis(x, values, 3, n, inner);
                Compare($"max length {n} inner {inner}", values.ToArray(), ToDouble(expected), 0, 0);

                var dValues = Random(3 * inner);
                var expectedDx = new float[input.Length];
                ReferenceReductions.MaxAlongAxisBackward<float>(input, dValues, expectedDx, 3, n, inner);
                var dInput = Zeros(3, n, inner);
                backend.MaxAlongAxisBackward(x, values, Upload(dValues, [3, inner]), dInput, 3, n, inner);
                Compare($"max backward length {n} inner {inner}", dInput.ToArray(), ToDouble(expectedDx), 0, 0);
            }
    }

    /// <summary>Softmax and log-softmax, forward and backward, along axes of every length 1..257 with inner sizes 1 and 3.</summary>
    public void Softmax()
    {
        foreach (bool log in new[] { false, true })
            for (int n = 1; n <= 257; n++)
                foreach (int inner in new[] { 1, 3 })
                {
                    var input = Random(2 * n * inner);
                    var expected = new double[input.Length];
                    ReferenceSoftmax.Softmax<double>(ToDouble(input), expected, 2, n, inner, log);
                    var output = Zeros(2, n, inner);
                    backend.Softmax(Upload(input, [2, n, inner]), output, 2, n, inner, log);
                    Compare($"softmax (log {log}) length {n} inner {inner}", output.ToArray(), expected, 1e-6, 1e-5);

                    var dOutput = Random(input.Length);
                    var dInputStart = Random(input.Length);
                    var expectedDx = ToDouble(dInputStart);
                    ReferenceSoftmax.SoftmaxBackward<double>(expected, ToDouble(dOutput), expectedDx, 2, n, inner, log);
                    var dInput = Upload(dInputStart, [2, n, inner]);
                    backend.SoftmaxBackward(output, Upload(dOutput, [2, n, inner]), dInput, 2, n, inner, log);
                    Compare($"softmax backward (log {log}) length {n} inner {inner}", dInput.ToArray(), expectedDx, 1e-5, 1e-4);
                }
    }
}
