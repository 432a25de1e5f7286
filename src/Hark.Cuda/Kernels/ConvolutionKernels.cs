namespace Hark.Cuda.Kernels;

/// <summary>
/// im2col and its adjoint for convolution as GEMM. The column matrix of images [first, first + chunk) is
/// [chunk, InChannels * KernelHeight * KernelWidth, OutHeight * OutWidth]: row (c, ky, kx), column the output position.
/// col2im gathers (one thread per input element, no atomics), so its sums come in a fixed order.
/// </summary>
public static class ConvolutionKernels
{
    public static void Im2Col(Index1D i, ArrayView<float> input, ArrayView<float> columns, ConvShape s, int first)
    {
        int positions = s.OutHeight * s.OutWidth, window = s.KernelHeight * s.KernelWidth;
        int position = i % positions, rest = i / positions;
        int row = rest % (s.InChannels * window), image = first + rest / (s.InChannels * window);
        int c = row / window, ky = row % window / s.KernelWidth, kx = row % s.KernelWidth;
        int iy = position / s.OutWidth * s.StrideHeight - s.PaddingHeight + ky * s.DilationHeight;
        int ix = position % s.OutWidth * s.StrideWidth - s.PaddingWidth + kx * s.DilationWidth;
        bool inside = iy >= 0 && iy < s.InHeight && ix >= 0 && ix < s.InWidth;
        columns[i] = inside ? input[(((long)image * s.InChannels + c) * s.InHeight + iy) * s.InWidth + ix] : 0f;
    }

    // i runs over the chunk's input elements (image - first, c, iy, ix)
    public static void Col2Im(Index1D i, ArrayView<float> columns, ArrayView<float> dInput, ConvShape s, int first, int accumulate)
    {
        int ix = i % s.InWidth, iy = i / s.InWidth % s.InHeight, rest = i / (s.InWidth * s.InHeight);
        int c = rest % s.InChannels, local = rest / s.InChannels;
        int positions = s.OutHeight * s.OutWidth, window = s.KernelHeight * s.KernelWidth;
        float sum = 0;
        for (int ky = 0; ky < s.KernelHeight; ky++)
        {
            int ty = iy + s.PaddingHeight - ky * s.DilationHeight;
            if (ty < 0 || ty % s.StrideHeight != 0 || ty / s.StrideHeight >= s.OutHeight) continue;
            for (int kx = 0; kx < s.KernelWidth; kx++)
            {
                int tx = ix + s.PaddingWidth - kx * s.DilationWidth;
                if (tx < 0 || tx % s.StrideWidth != 0 || tx / s.StrideWidth >= s.OutWidth) continue;
                long row = (long)local * s.InChannels * window + c * window + ky * s.KernelWidth + kx;
                sum += columns[row * positions + ty / s.StrideHeight * s.OutWidth + tx / s.StrideWidth];
            }
        }
        long at = (long)first * s.InChannels * s.InHeight * s.InWidth + i;
        dInput[at] = accumulate != 0 ? dInput[at] + sum : sum;
    }
}
