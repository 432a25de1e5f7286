using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// oneDNN's channel-blocked layout (nChw16c, nChw8c: [batch][ceil(channels / block)][plane][block], the last block padded)
/// laid out as Hark's plain [batch][channels][plane] with LeakyReLU applied on the way: the reorder a convolution's output
/// needs anyway, with the activation that follows it in the same pass. 4 x 4 tiles are transposed in SSE registers; the
/// rest (and every CPU without SSE) goes element by element, which is <see cref="ReferenceToPlainActivated"/>.
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
                    TransposeActivated((float*)source + (long)index * plane * block, destination, plane, block, count, negativeSlope);
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

    // source [plane][block] -> destination [count][plane] (count <= block channels of one block), activated
    private static void TransposeActivated(float* source, float* destination, int plane, int block, int count, float negativeSlope)
    {
        int p = 0;
        if (Sse.IsSupported && count % 4 == 0)
        {
            var slope = Vector128.Create(negativeSlope);
            for (; p <= plane - 4; p += 4)
            {
                float* at = source + (long)p * block;
                for (int c = 0; c < count; c += 4)
                {
                    // rows: positions p..p+3, each channels c..c+3; columns after the transpose: channels, each positions p..p+3
                    var r0 = Sse.LoadVector128(at + c);
                    var r1 = Sse.LoadVector128(at + block + c);
                    var r2 = Sse.LoadVector128(at + 2 * block + c);
                    var r3 = Sse.LoadVector128(at + 3 * block + c);
                    var low01 = Sse.UnpackLow(r0, r1);
                    var low23 = Sse.UnpackLow(r2, r3);
                    var high01 = Sse.UnpackHigh(r0, r1);
                    var high23 = Sse.UnpackHigh(r2, r3);
                    float* column = destination + (long)c * plane + p;
                    Activated(Sse.MoveLowToHigh(low01, low23), slope).Store(column);
                    Activated(Sse.MoveHighToLow(low23, low01), slope).Store(column + plane);
                    Activated(Sse.MoveLowToHigh(high01, high23), slope).Store(column + 2 * plane);
                    Activated(Sse.MoveHighToLow(high23, high01), slope).Store(column + 3 * plane);
                }
            }
        }
        for (; p < plane; p++)
            for (int c = 0; c < count; c++)
            {
                float v = source[(long)p * block + c];
                destination[(long)c * plane + p] = v > 0f ? v : v * negativeSlope;
            }
    }

    private static Vector128<float> Activated(Vector128<float> x, Vector128<float> negativeSlope) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * negativeSlope);
}
