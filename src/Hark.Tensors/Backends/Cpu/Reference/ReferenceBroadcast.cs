using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Plain broadcasting kernels: one output element at a time with full index arithmetic.</summary>
internal static class ReferenceBroadcast
{
    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> a, int[] aShape, ReadOnlySpan<T> b, int[] bShape, Span<T> output, int[] outputShape)
        where T : IFloatingPointIeee754<T>
    {
        Span<int> index = stackalloc int[outputShape.Length];
        for (int i = 0; i < output.Length; i++)
        {
            ReferenceShapes.Unravel(i, outputShape, index);
            output[i] = ReferenceElementwise.Binary(op, a[ReferenceShapes.BroadcastOffset(index, aShape)], b[ReferenceShapes.BroadcastOffset(index, bShape)]);
        }
    }

    /// <summary>dA += dOutput * d(a op b)/da reduced to a's shape; likewise dB (either may be empty to skip it).</summary>
    public static void BinaryBackward<T>(BinaryOp op, ReadOnlySpan<T> a, int[] aShape, ReadOnlySpan<T> b, int[] bShape,
        ReadOnlySpan<T> dOutput, int[] outputShape, Span<T> dA, Span<T> dB) where T : IFloatingPointIeee754<T>
    {
        Span<int> index = stackalloc int[outputShape.Length];
        for (int i = 0; i < dOutput.Length; i++)
        {
            ReferenceShapes.Unravel(i, outputShape, index);
            int ai = ReferenceShapes.BroadcastOffset(index, aShape), bi = ReferenceShapes.BroadcastOffset(index, bShape);
            var (da, db) = ReferenceElementwise.BinaryDerivatives(op, a[ai], b[bi]);
            if (!dA.IsEmpty) dA[ai] += dOutput[i] * da;
            if (!dB.IsEmpty) dB[bi] += dOutput[i] * db;
        }
    }

    /// <summary>output (+)= scale * input summed over the axes where output has size 1 (same rank).</summary>
    public static void SumTo<T>(ReadOnlySpan<T> input, int[] inputShape, Span<T> output, int[] outputShape, T scale, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        if (!accumulate) output.Clear();
        Span<int> index = stackalloc int[inputShape.Length];
        for (int i = 0; i < input.Length; i++)
        {
            ReferenceShapes.Unravel(i, inputShape, index);
            output[ReferenceShapes.BroadcastOffset(index, outputShape)] += scale * input[i];
        }
    }

    /// <summary>output (+)= scale * input broadcast to output's shape (same rank).</summary>
    public static void BroadcastTo<T>(ReadOnlySpan<T> input, int[] inputShape, Span<T> output, int[] outputShape, T scale, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        Span<int> index = stackalloc int[outputShape.Length];
        for (int i = 0; i < output.Length; i++)
        {
            ReferenceShapes.Unravel(i, outputShape, index);
            var value = scale * input[ReferenceShapes.BroadcastOffset(index, inputShape)];
            output[i] = accumulate ? output[i] + value : value;
        }
    }
}
