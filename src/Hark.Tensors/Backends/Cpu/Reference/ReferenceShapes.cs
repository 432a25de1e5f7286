namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>Row-major index arithmetic shared by the reference kernels.</summary>
internal static class ReferenceShapes
{
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    public static int Numel(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    /// <summary>The flat offset in a tensor of <paramref name="shape"/> (right-aligned, size-1 axes broadcast) of the element at <paramref name="index"/>.</summary>
    public static int BroadcastOffset(ReadOnlySpan<int> index, ReadOnlySpan<int> shape)
    {
        int offset = 0, stride = 1, shift = index.Length - shape.Length;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] != 1) offset += index[d + shift] * stride;
            stride *= shape[d];
        }
        return offset;
    }

    /// <summary>Writes the multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/> into <paramref name="index"/>.</summary>
    public static void Unravel(int flat, ReadOnlySpan<int> shape, Span<int> index)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
    }
}
