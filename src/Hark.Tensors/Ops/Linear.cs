using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>torch.nn.functional.linear: input [*, in], weight [out, in], bias [out] or null -> [*, out] = input * weight^T + bias.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        const string op = "Linear";
        ShapeException.SameDevice(op, bias is null ? [input, weight] : [input, weight, bias]);
        ShapeException.Check(input.Rank >= 1 && weight.Rank == 2 && input.Shape[^1] == weight.Shape[1], op,
            "input [*, in_features] and weight [out_features, in_features]", input, weight);
        int outFeatures = weight.Shape[0], inFeatures = weight.Shape[1], rows = input.Numel / Math.Max(1, inFeatures);
        if (bias is not null)
            ShapeException.Check(bias.Rank == 1 && bias.Shape[0] == outFeatures, op, $"bias [{outFeatures}]", input, weight, bias);

        int[] shape = [.. input.Shape[..^1], outFeatures];
        var output = Tensor.Empty(shape, input.Device);
        var backend = input.Backend;
        backend.Gemm(new GemmDescriptor(false, true, rows, outFeatures, inFeatures), input, weight, output);
        if (bias is not null) backend.AddRowBias(output, bias);
        Graph.Record(output, "linear", bias is null ? [input, weight] : [input, weight, bias], (dOutput, grads) =>
        {
            if (grads.Wants(0)) // dInput[rows, in] += dOutput[rows, out] * weight[out, in]
                backend.Gemm(new GemmDescriptor(false, false, rows, inFeatures, outFeatures, Accumulate: true), dOutput, weight, grads.Buffer(0));
            if (grads.Wants(1)) // dWeight[out, in] += dOutput^T[out, rows] * input[rows, in]
                backend.Gemm(new GemmDescriptor(true, false, outFeatures, inFeatures, rows, Accumulate: true), dOutput, input, grads.Buffer(1));
            if (bias is not null && grads.Wants(2)) backend.AccumulateColumnSums(dOutput, grads.Buffer(2));
        });
        return output;
    }
}
