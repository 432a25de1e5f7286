using System.Numerics.Tensors;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.Tensors.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Softmax(Tensor input, Tensor output, int outer, int length, int inner, bool log)
    {
        if (input.Numel == 0) return;
        if (inner != 1)
        {
            // a softmax over a non-last axis is rare in these models (classes sit last); the plain kernel handles it
            ReferenceSoftmax.Softmax<float>(input.Span, output.Span, outer, length, inner, log);
            return;
        }
        var x = input.CpuData;
        var y = output.CpuData;
        for (int o = 0; o < outer; o++)
        {
            var row = x.AsSpan(o * length, length);
            var result = y.AsSpan(o * length, length);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, result);
            if (log)
            {
                float logSum = MathF.Log(SumOfExp(result));
                TensorPrimitives.Subtract(result, logSum, result);
            }
            else
            {
                TensorPrimitives.Exp(result, result);
                TensorPrimitives.Multiply(result, 1f / TensorPrimitives.Sum(result), result);
            }
        }
    }

    public void SoftmaxBackward(Tensor output, Tensor dOutput, Tensor dInput, int outer, int length, int inner, bool log)
    {
        if (output.Numel == 0) return;
        if (inner != 1)
        {
            ReferenceSoftmax.SoftmaxBackward<float>(output.Span, dOutput.Span, dInput.Span, outer, length, inner, log);
            return;
        }
        var y = output.CpuData;
        var dy = dOutput.CpuData;
        var dx = dInput.CpuData;
        Span<float> scratch = length <= 1024 ? stackalloc float[length] : new float[length];
        for (int o = 0; o < outer; o++)
        {
            var yRow = y.AsSpan(o * length, length);
            var dyRow = dy.AsSpan(o * length, length);
            var dxRow = dx.AsSpan(o * length, length);
            if (log)
            {
                // dx += dy - e^y * sum(dy)
                float sum = TensorPrimitives.Sum(dyRow);
                TensorPrimitives.Exp(yRow, scratch);
                TensorPrimitives.MultiplyAdd(scratch, -sum, dyRow, scratch);
            }
            else
            {
                // dx += y * (dy - sum(dy * y))
                float dot = TensorPrimitives.Dot(dyRow, yRow);
                TensorPrimitives.Subtract(dyRow, dot, scratch);
                TensorPrimitives.Multiply(scratch, yRow, scratch);
            }
            TensorPrimitives.Add(dxRow, scratch, dxRow);
        }
    }

    private static float SumOfExp(ReadOnlySpan<float> shifted)
    {
        float sum = 0f;
        Span<float> block = stackalloc float[256];
        for (int start = 0; start < shifted.Length; start += block.Length)
        {
            var part = shifted.Slice(start, Math.Min(block.Length, shifted.Length - start));
            TensorPrimitives.Exp(part, block[..part.Length]);
            sum += TensorPrimitives.Sum(block[..part.Length]);
        }
        return sum;
    }
}
