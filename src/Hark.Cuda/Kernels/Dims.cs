namespace Hark.Cuda.Kernels;

/// <summary>
/// Up to eight sizes or strides passed by value to a kernel (kernels take no arrays): a shape, or the strides that go
/// with one. Index arithmetic over it runs on the device.
/// </summary>
public struct Dims
{
    public const int MaxRank = 8;

    public int Rank;
    public int D0, D1, D2, D3, D4, D5, D6, D7;

    public readonly int this[int axis] => axis switch
    {
        0 => D0,
        1 => D1,
        2 => D2,
        3 => D3,
        4 => D4,
        5 => D5,
        6 => D6,
        _ => D7,
    };

    public static Dims From(ReadOnlySpan<int> values)
    {
        if (values.Length > MaxRank)
            throw new NotSupportedException($"the CUDA backend handles tensors of rank up to {MaxRank}; got rank {values.Length}");
        var dims = new Dims { Rank = values.Length };
        for (int axis = 0; axis < values.Length; axis++) dims.Set(axis, values[axis]);
        return dims;
    }

    /// <summary>Row-major strides of <paramref name="shape"/>.</summary>
    public static Dims Contiguous(ReadOnlySpan<int> shape)
    {
        Span<int> strides = stackalloc int[shape.Length];
        int stride = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return From(strides);
    }

    /// <summary>Strides that read a tensor of <paramref name="shape"/> broadcast (right-aligned, size-1 axes repeated) to rank <paramref name="rank"/>.</summary>
    public static Dims Broadcast(ReadOnlySpan<int> shape, int rank)
    {
        Span<int> strides = stackalloc int[rank];
        int stride = 1, shift = rank - shape.Length;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            int size = axis - shift >= 0 ? shape[axis - shift] : 1;
            strides[axis] = size == 1 ? 0 : stride;
            stride *= size;
        }
        return From(strides);
    }

    private void Set(int axis, int value)
    {
        switch (axis)
        {
            case 0: D0 = value; break;
            case 1: D1 = value; break;
            case 2: D2 = value; break;
            case 3: D3 = value; break;
            case 4: D4 = value; break;
            case 5: D5 = value; break;
            case 6: D6 = value; break;
            default: D7 = value; break;
        }
    }

    /// <summary>The offset, through <paramref name="strides"/>, of the element at row-major position <paramref name="flat"/> of <paramref name="shape"/>.</summary>
    public static int Offset(int flat, in Dims shape, in Dims strides)
    {
        int offset = 0;
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            int size = shape[axis];
            offset += flat % size * strides[axis];
            flat /= size;
        }
        return offset;
    }
}
