using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hark.Audio.Spectral.Fftw;

/// <summary>
/// <see cref="IRealFft"/> on FFTW's real-to-complex transform. FFTW wants its arrays aligned like the ones it planned on,
/// which a caller's span is not, so each thread keeps one pinned, 64-byte aligned block that the input is copied into and
/// the interleaved output is read from (a few KB per thread, reused by every plan and call).
/// </summary>
public sealed unsafe class FftwRealFft : IRealFft
{
    [ThreadStatic] private static float[]? threadBlock;
    private readonly LibFftw _library;
    private readonly nint _plan;

    public FftwRealFft(LibFftw library, int length)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "FftwRealFft: length must be >= 1");
        _library = library;
        Length = length;
        _plan = library.PlanRealToComplex(length);
    }

    public int Length { get; }

    public int Bins => Length / 2 + 1;

    public int ScratchLength => 0;

    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        if (input.Length != Length)
            throw new ArgumentException($"FftwRealFft.Forward: expected {Length} input samples; got {input.Length}");
        if (real.Length < Bins || imaginary.Length < Bins)
            throw new ArgumentException($"FftwRealFft.Forward: expected outputs of at least {Bins} bins; got {real.Length} and {imaginary.Length}");
        int inputFloats = AlignedFloats(Length), outputFloats = 2 * Bins;
        var block = ThreadBlock(inputFloats + outputFloats);
        fixed (float* pinned = block)
        {
            float* inputBlock = Align(pinned), outputBlock = inputBlock + inputFloats;
            input.CopyTo(new Span<float>(inputBlock, Length));
            _library.Execute(_plan, inputBlock, outputBlock);
            Deinterleave(outputBlock, real[..Bins], imaginary[..Bins]);
        }
    }

    /// <summary>Splits FFTW's interleaved complex output (re0, im0, re1, im1, ...) into real and imaginary parts.</summary>
    private static void Deinterleave(float* interleaved, Span<float> real, Span<float> imaginary)
    {
        int k = 0, count = real.Length;
        if (Avx2.IsSupported)
        {
            // Eight bins per step: gather each 128-bit lane's reals before its imaginaries, then join the lanes.
            var lanes = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            fixed (float* re = real, im = imaginary)
                for (; k <= count - 8; k += 8)
                {
                    var low = Avx2.PermuteVar8x32(Avx.LoadVector256(interleaved + 2 * k), lanes);
                    var high = Avx2.PermuteVar8x32(Avx.LoadVector256(interleaved + 2 * k + 8), lanes);
                    Avx.Store(re + k, Avx.Permute2x128(low, high, 0x20));
                    Avx.Store(im + k, Avx.Permute2x128(low, high, 0x31));
                }
        }
        for (; k < count; k++)
        {
            real[k] = interleaved[2 * k];
            imaginary[k] = interleaved[2 * k + 1];
        }
    }

    // Whole 64-byte lines, so the output that follows the input is aligned too.
    private static int AlignedFloats(int floats) => (floats + LibFftw.Alignment / sizeof(float) - 1) / (LibFftw.Alignment / sizeof(float)) * (LibFftw.Alignment / sizeof(float));

    private static float[] ThreadBlock(int floats)
    {
        // Pinned (never moved by the GC) with one line of slack to align the start.
        int needed = floats + LibFftw.Alignment / sizeof(float);
        if (threadBlock is null || threadBlock.Length < needed) threadBlock = GC.AllocateUninitializedArray<float>(needed, pinned: true);
        return threadBlock;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Align(float* pointer) => (float*)(((nuint)pointer + LibFftw.Alignment - 1) & ~(nuint)(LibFftw.Alignment - 1));
}
