using Hark.Tensors;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>Permute (overwriting and accumulating) and CopyRegion on 200 random boxes of rank 1..4.</summary>
    public void Layout()
    {
        (int[] Shape, int[] Dims)[] permutations =
        [
            ([2, 3, 4], [2, 0, 1]), ([2, 3, 4, 5], [0, 2, 3, 1]), ([2, 3, 4, 5], [3, 2, 1, 0]),
            ([7, 13], [1, 0]), ([1, 5, 1, 3], [3, 1, 0, 2]), ([4, 0, 2], [2, 1, 0]), ([17], [0]), ([32, 64, 9, 9], [0, 2, 3, 1]),
        ];
        foreach (var (shape, dims) in permutations)
            foreach (bool accumulate in new[] { false, true })
            {
                var input = Random(ReferenceShapes.Numel(shape));
                int[] outShape = dims.Select(d => shape[d]).ToArray();
                var start = Random(input.Length);
                var expected = ToDouble(start);
                ReferenceLayout.Permute<double>(ToDouble(input), shape, expected, dims, accumulate);
                var output = Upload(start, outShape);
                backend.Permute(Upload(input, shape), output, dims, accumulate);
                Compare($"Permute {ShapeException.Format(shape)} by [{string.Join(",", dims)}] accumulate {accumulate}", output.ToArray(), expected, 1e-6, 0);
            }
        for (int trial = 0; trial < 200; trial++)
        {
            int rank = 1 + random.NextInt(4);
            int[] sourceShape = new int[rank], destinationShape = new int[rank], extent = new int[rank], sourceStart = new int[rank], destinationStart = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                extent[d] = random.NextInt(5);
                sourceStart[d] = random.NextInt(3);
                destinationStart[d] = random.NextInt(3);
                sourceShape[d] = sourceStart[d] + extent[d] + random.NextInt(3);
                destinationShape[d] = destinationStart[d] + extent[d] + random.NextInt(3);
            }
            bool accumulate = trial % 2 == 1;
            var source = Random(ReferenceShapes.Numel(sourceShape));
            var start = Random(ReferenceShapes.Numel(destinationShape));
            var expected = ToDouble(start);
            ReferenceLayout.CopyRegion<double>(ToDouble(source), sourceShape, sourceStart, expected, destinationShape, destinationStart, extent, accumulate);
            var destination = Upload(start, destinationShape);
            backend.CopyRegion(Upload(source, sourceShape), sourceStart, destination, destinationStart, extent, accumulate);
            Compare($"CopyRegion trial {trial}", destination.ToArray(), expected, 1e-6, 0);
        }
    }
}
