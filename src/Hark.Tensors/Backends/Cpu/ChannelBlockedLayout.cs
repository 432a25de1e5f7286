using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// oneDNN's channel-blocked layout (nChw16c, nChw8c: [batch][ceil(channels / block)][plane][block], the last block padded)
/// laid out as Hark's plain [batch][channels][plane] with LeakyReLU applied on the way, and optionally 2x2 max-pooled
/// first: the reorder a convolution's output needs anyway, with the layers that follow it in the same pass. 4 x 4 tiles are
/// transposed in SSE registers; the rest (and every CPU without SSE) goes element by element. The plain definitions
/// (<see cref="ReferenceToPlainActivated"/>, <see cref="ReferenceToPlainActivatedMaxPooled"/>) stay beside them.
/// </summary>
internal static unsafe class ChannelBlockedLayout
{
    public static void ToPlainActivated(float* blocked, float[] plain, int batch, int channels, int plane, int block, float negativeSlope)
    {
        int blocks = (channels + block - 1) / block;
        nint source = (nint)blocked; // a lambda cannot capture a pointer
        Parallelism.For(batch * blocks, (long)block * plane, (start, end) =>
        {
            for (int index = start; index < end; index++)
            {
                int sample = index / blocks, first = index % blocks * block, count = Math.Min(block, channels - first);
                fixed (float* destination = &plain[((long)sample * channels + first) * plane])
                    TransposeActivated((float*)source + (long)index * plane * block, destination, plane, plane, block, count, negativeSlope);
            }
        });
    }

    /// <summary>The plain definition: plain[n, c, p] = leaky_relu(blocked[n, c / block, p, c % block]).</summary>
    public static void ReferenceToPlainActivated(ReadOnlySpan<float> blocked, Span<float> plain, int batch, int channels, int plane, int block,
        float negativeSlope)
    {
        int blocks = (channels + block - 1) / block;
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int p = 0; p < plane; p++)
                    plain[(n * channels + c) * plane + p] = UnaryFunctions.Forward(UnaryOp.LeakyRelu,
                        blocked[((n * blocks + c / block) * plane + p) * block + c % block], negativeSlope, 0f);
    }

    /// <summary>
    /// As <see cref="ToPlainActivated"/>, with a 2x2 stride-2 max-pool (MaxPool2d(2): an odd last row or column dropped)
    /// before the activation, which gives max_pool(leaky_relu(x)) because a non-negative slope keeps the order of values.
    /// plain is [batch][channels][height / 2][width / 2].
    /// </summary>
    public static void ToPlainActivatedMaxPooled(float* blocked, float[] plain, int batch, int channels, int height, int width, int block, float negativeSlope)
    {
        if (!(negativeSlope >= 0f))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "pooling before the activation needs a non-negative slope");
        int blocks = (channels + block - 1) / block, outHeight = height / 2, outWidth = width / 2, outPlane = outHeight * outWidth;
        nint source = (nint)blocked;
        Parallelism.For(batch * blocks, (long)block * height * width, (start, end) =>
        {
            float[] pooledRow = CpuStoragePool.Rent(outWidth * block, zeroed: false);
            fixed (float* row = pooledRow)
                for (int index = start; index < end; index++)
                {
                    int sample = index / blocks, first = index % blocks * block, count = Math.Min(block, channels - first);
                    float* image = (float*)source + (long)index * height * width * block;
                    fixed (float* destination = &plain[((long)sample * channels + first) * outPlane])
                        for (int i = 0; i < outHeight; i++)
                        {
                            float* top = image + (long)2 * i * width * block;
                            PoolRow(top, top + (long)width * block, row, outWidth, block, count);
                            TransposeActivated(row, destination + i * outWidth, outWidth, outPlane, block, count, negativeSlope);
                        }
                }
            CpuStoragePool.Return(pooledRow);
        });
    }

    /// <summary>The plain definition: plain[n, c, i, j] = leaky_relu(max over the 2x2 window (2i.., 2j..) of blocked[n, c / block, ., ., c % block]).</summary>
    public static void ReferenceToPlainActivatedMaxPooled(ReadOnlySpan<float> blocked, Span<float> plain, int batch, int channels, int height, int width,
        int block, float negativeSlope)
    {
        int blocks = (channels + block - 1) / block, outHeight = height / 2, outWidth = width / 2;
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < outHeight; i++)
                    for (int j = 0; j < outWidth; j++)
                    {
                        float max = float.NegativeInfinity;
                        for (int r = 2 * i; r < 2 * i + 2; r++)
                            for (int q = 2 * j; q < 2 * j + 2; q++)
                                max = MathF.Max(max, blocked[(((n * blocks + c / block) * height + r) * width + q) * block + c % block]);
                        plain[((n * channels + c) * outHeight + i) * outWidth + j] = UnaryFunctions.Forward(UnaryOp.LeakyRelu, max, negativeSlope, 0f);
                    }
    }

    // row[j][0..count) = the max of the 2x2 window j of the two rows [width][block]; Vector*.Max propagates NaN as MathF.Max does
    private static void PoolRow(float* top, float* bottom, float* row, int outWidth, int block, int count)
    {
        for (int j = 0; j < outWidth; j++)
        {
            float* a = top + (long)2 * j * block, b = a + block, c = bottom + (long)2 * j * block, d = c + block, pooled = row + j * block;
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; k <= count - Vector512<float>.Count; k += Vector512<float>.Count)
                    Vector512.Max(Vector512.Max(Vector512.Load(a + k), Vector512.Load(b + k)), Vector512.Max(Vector512.Load(c + k), Vector512.Load(d + k))).Store(pooled + k);
            if (Vector256.IsHardwareAccelerated)
                for (; k <= count - Vector256<float>.Count; k += Vector256<float>.Count)
                    Vector256.Max(Vector256.Max(Vector256.Load(a + k), Vector256.Load(b + k)), Vector256.Max(Vector256.Load(c + k), Vector256.Load(d + k))).Store(pooled + k);
            if (Vector128.IsHardwareAccelerated)
                for (; k <= count - Vector128<float>.Count; k += Vector128<float>.Count)
                    Vector128.Max(Vector128.Max(Vector128.Load(a + k), Vector128.Load(b + k)), Vector128.Max(Vector128.Load(c + k), Vector128.Load(d + k))).Store(pooled + k);
            for (; k < count; k++) pooled[k] = MathF.Max(MathF.Max(a[k], b[k]), MathF.Max(c[k], d[k]));
        }
    }

    // source [positions][block] -> destination [count][positions] with rows destinationStride apart (count <= block channels of one block), activated
    private static void TransposeActivated(float* source, float* destination, int positions, int destinationStride, int block, int count, float negativeSlope)
    {
        int p = 0;
        if (Sse.IsSupported && count % 4 == 0)
        {
            // a run of positions at a time, four channels (destination rows) at a time: sixteen rows a plane apart (a multiple
            // of 4 KiB for a 96x96 plane) written together would compete for the same L1 sets; the run's source stays in L1
            const int run = 64;
            var slope = Vector128.Create(negativeSlope);
            int whole = positions - positions % 4;
            for (; p < whole; p += run)
            {
                int end = Math.Min(p + run, whole);
                for (int c = 0; c < count; c += 4)
                    for (int q = p; q < end; q += 4)
                        TransposeTile(source + (long)q * block + c, block, destination + (long)c * destinationStride + q, destinationStride, slope);
            }
            p = whole;
        }
        for (; p < positions; p++)
            for (int c = 0; c < count; c++)
            {
                float v = source[(long)p * block + c];
                destination[(long)c * destinationStride + p] = v > 0f ? v : v * negativeSlope;
            }
    }

    // rows: 4 positions sourceStride apart, each 4 channels; after the transpose: 4 channels destinationStride apart, each 4 positions; activated
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeTile(float* source, int sourceStride, float* destination, int destinationStride, Vector128<float> slope)
    {
        var r0 = Sse.LoadVector128(source);
        var r1 = Sse.LoadVector128(source + sourceStride);
        var r2 = Sse.LoadVector128(source + 2 * sourceStride);
        var r3 = Sse.LoadVector128(source + 3 * sourceStride);
        var low01 = Sse.UnpackLow(r0, r1);
        var low23 = Sse.UnpackLow(r2, r3);
        var high01 = Sse.UnpackHigh(r0, r1);
        var high23 = Sse.UnpackHigh(r2, r3);
        Activated(Sse.MoveLowToHigh(low01, low23), slope).Store(destination);
        Activated(Sse.MoveHighToLow(low23, low01), slope).Store(destination + destinationStride);
        Activated(Sse.MoveLowToHigh(high01, high23), slope).Store(destination + 2 * destinationStride);
        Activated(Sse.MoveHighToLow(high23, high01), slope).Store(destination + 3 * destinationStride);
    }

    private static Vector128<float> Activated(Vector128<float> x, Vector128<float> negativeSlope) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * negativeSlope);
}
