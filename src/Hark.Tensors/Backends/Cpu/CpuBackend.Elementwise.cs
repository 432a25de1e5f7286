using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Hark.Tensors.Backends.Cpu.Operators;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Unary(UnaryOp op, Tensor input, Tensor output, float alpha = 0f, float beta = 0f)
    {
        var x = input.CpuData;
        var y = output.CpuData;
        Parallelism.ForElements(input.Numel,
            (start, count) => UnaryRange(op, x.AsSpan(start, count), y.AsSpan(start, count), alpha, beta));
    }

    public void UnaryBackward(UnaryOp op, Tensor input, Tensor output, Tensor dOutput, Tensor dInput, float alpha = 0f, float beta = 0f)
    {
        var x = input.CpuData;
        var y = output.CpuData;
        var dy = dOutput.CpuData;
        var dx = dInput.CpuData;
        Parallelism.ForElements(input.Numel,
            (start, count) => UnaryBackwardRange(op, x.AsSpan(start, count), y.AsSpan(start, count), dy.AsSpan(start, count), dx.AsSpan(start, count), alpha, beta));
    }

    private static void UnaryRange(UnaryOp op, ReadOnlySpan<float> x, Span<float> y, float alpha, float beta)
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Pow: TensorPrimitives.Pow(x, alpha, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Clamp: ElementwiseLoop.Apply(new ClampOperator(alpha, beta), x, y); break;
            case UnaryOp.Relu: ElementwiseLoop.Apply(new ReluOperator(), x, y); break;
            case UnaryOp.LeakyRelu: ElementwiseLoop.Apply(new LeakyReluOperator(alpha), x, y); break;
            case UnaryOp.Gelu: ElementwiseLoop.Apply(new GeluOperator(), x, y); break;
            case UnaryOp.Silu: ElementwiseLoop.Apply(new SiluOperator(), x, y); break;
            case UnaryOp.LogSigmoid: ElementwiseLoop.Apply(new LogSigmoidOperator(), x, y); break;
            case UnaryOp.Hardswish: ElementwiseLoop.Apply(new HardswishOperator(), x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "no CPU kernel");
        }
    }

    private static void UnaryBackwardRange(UnaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, float alpha, float beta)
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Subtract(dx, dy, dx); break;
            case UnaryOp.Exp: ElementwiseLoop.AccumulateGradient(new ExpGradient(), x, y, dy, dx); break;
            case UnaryOp.Log: ElementwiseLoop.AccumulateGradient(new LogGradient(), x, y, dy, dx); break;
            case UnaryOp.Sqrt: ElementwiseLoop.AccumulateGradient(new SqrtGradient(), x, y, dy, dx); break;
            case UnaryOp.Abs: ElementwiseLoop.AccumulateGradient(new AbsGradient(), x, y, dy, dx); break;
            case UnaryOp.Pow: PowBackward(x, dy, dx, alpha); break;
            case UnaryOp.Clamp: ElementwiseLoop.AccumulateGradient(new ClampGradient(alpha, beta), x, y, dy, dx); break;
            case UnaryOp.Relu: ElementwiseLoop.AccumulateGradient(new ReluGradient(), x, y, dy, dx); break;
            case UnaryOp.LeakyRelu: ElementwiseLoop.AccumulateGradient(new LeakyReluGradient(alpha), x, y, dy, dx); break;
            case UnaryOp.Gelu: ElementwiseLoop.AccumulateGradient(new GeluGradient(), x, y, dy, dx); break;
            case UnaryOp.Silu: ElementwiseLoop.AccumulateGradient(new SiluGradient(), x, y, dy, dx); break;
            case UnaryOp.Sigmoid: ElementwiseLoop.AccumulateGradient(new SigmoidGradient(), x, y, dy, dx); break;
            case UnaryOp.Tanh: ElementwiseLoop.AccumulateGradient(new TanhGradient(), x, y, dy, dx); break;
            case UnaryOp.LogSigmoid: ElementwiseLoop.AccumulateGradient(new LogSigmoidGradient(), x, y, dy, dx); break;
            case UnaryOp.Hardswish: ElementwiseLoop.AccumulateGradient(new HardswishGradient(), x, y, dy, dx); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "no CPU kernel");
        }
    }

    /// <summary>Scalar: there is no vector pow, and powers are not on any training hot path.</summary>
    private static void PowBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float exponent)
    {
        if (exponent == 0f) return;
        for (int i = 0; i < x.Length; i++) dx[i] += dy[i] * exponent * MathF.Pow(x[i], exponent - 1f);
    }

    public void DropoutMask(Tensor mask, float p, ulong seed)
    {
        var m = mask.CpuData;
        Parallelism.ForElements(mask.Numel, (start, count) =>
        {
            int i = start, end = start + count;
            if (Vector512.IsHardwareAccelerated && Avx512DQ.IsSupported)
                for (; i <= end - Vector512<float>.Count; i += Vector512<float>.Count)
                    DropoutMaskBlock(seed, i, p).CopyTo(m, i);
            for (; i < end; i++) m[i] = CounterRandom.DropoutMask(seed, i, p);
        });
    }

    /// <summary>
    /// <see cref="CounterRandom.DropoutMask"/> of elements first .. first + 15, the same bits: SplitMix64 in 64-bit lanes
    /// (AVX-512 DQ multiplies them; without it the scalar loop is faster than emulated products), the top 24 bits as floats.
    /// </summary>
    private static Vector512<float> DropoutMaskBlock(ulong seed, int first, float p)
    {
        var lanes = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8);
        var low = Mix(seed, Vector512.Create((ulong)first) + lanes);
        var high = Mix(seed, Vector512.Create((ulong)first + 8) + lanes);
        var uniform = Vector512.ConvertToSingle(Vector512.Narrow(low >> 40, high >> 40).AsInt32()) * (1f / (1 << 24));
        float kept = p == 1f ? 0f : 1f / (1f - p);
        return Vector512.ConditionalSelect(Vector512.LessThan(uniform, Vector512.Create(p)), Vector512<float>.Zero, Vector512.Create(kept));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector512<ulong> Mix(ulong seed, Vector512<ulong> counter)
        {
            var z = Vector512.Create(seed) + Vector512.Create(0x9E3779B97F4A7C15UL) * counter;
            z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
            z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }
    }

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor output)
    {
        var ad = a.CpuData;
        var bd = b.CpuData;
        var od = output.CpuData;
        if (a.Numel == output.Numel && b.Numel == output.Numel)
        {
            Parallelism.ForElements(output.Numel,
                (start, count) => BinaryRow(op, ad.AsSpan(start, count), 1, bd.AsSpan(start, count), 1, od.AsSpan(start, count)));
            return;
        }
        int rank = output.Rank;
        var rows = new StridedRows(output.Shape, StridedRows.BroadcastStrides(a.Shape, rank), StridedRows.BroadcastStrides(b.Shape, rank),
            StridedRows.ContiguousStrides(output.Shape));
        int length = rows.RowLength, aStride = rows.RowStride(0), bStride = rows.RowStride(1);
        Parallelism.ForRows(rows.RowCount, length, (first, count) =>
        {
            var cursor = rows.Start(first);
            for (int r = 0; r < count; r++, cursor.Advance())
            {
                var aRow = ad.AsSpan(cursor.Offset(0), aStride == 0 ? 1 : length);
                var bRow = bd.AsSpan(cursor.Offset(1), bStride == 0 ? 1 : length);
                BinaryRow(op, aRow, aStride, bRow, bStride, od.AsSpan(cursor.Offset(2), length));
            }
        });
    }

    /// <summary>One output row; an operand with stride 0 is the single value at its span's start.</summary>
    private static void BinaryRow(BinaryOp op, ReadOnlySpan<float> a, int aStride, ReadOnlySpan<float> b, int bStride, Span<float> output)
    {
        switch (op, aStride, bStride)
        {
            case (BinaryOp.Add, 1, 1): TensorPrimitives.Add(a, b, output); break;
            case (BinaryOp.Add, 1, 0): TensorPrimitives.Add(a, b[0], output); break;
            case (BinaryOp.Add, 0, 1): TensorPrimitives.Add(b, a[0], output); break;
            case (BinaryOp.Sub, 1, 1): TensorPrimitives.Subtract(a, b, output); break;
            case (BinaryOp.Sub, 1, 0): TensorPrimitives.Subtract(a, b[0], output); break;
            case (BinaryOp.Sub, 0, 1): TensorPrimitives.Subtract(a[0], b, output); break;
            case (BinaryOp.Mul, 1, 1): TensorPrimitives.Multiply(a, b, output); break;
            case (BinaryOp.Mul, 1, 0): TensorPrimitives.Multiply(a, b[0], output); break;
            case (BinaryOp.Mul, 0, 1): TensorPrimitives.Multiply(b, a[0], output); break;
            case (BinaryOp.Div, 1, 1): TensorPrimitives.Divide(a, b, output); break;
            case (BinaryOp.Div, 1, 0): TensorPrimitives.Divide(a, b[0], output); break;
            case (BinaryOp.Div, 0, 1): TensorPrimitives.Divide(a[0], b, output); break;
            case (_, 0, 0):
                output.Fill(op switch
                {
                    BinaryOp.Add => a[0] + b[0],
                    BinaryOp.Sub => a[0] - b[0],
                    BinaryOp.Mul => a[0] * b[0],
                    BinaryOp.Div => a[0] / b[0],
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
                });
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "no CPU kernel");
        }
    }
}
