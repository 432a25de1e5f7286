using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>Validation shared by the batch mixers: one or more CPU tensors with the same batch size on axis 0.</summary>
internal static class MixInputs
{
    public static int BatchSize(Tensor[] inputs, string op)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException($"{op}: expected at least one input tensor");
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            ShapeException.Check(input.Rank >= 1, op, "inputs with a batch axis", input);
            if (input.Device != Device.Cpu)
                throw new ShapeException($"{op}: batch mixing runs on CPU tensors; got {ShapeException.Format(input.Shape)} on {input.Device}");
        }
        int batch = inputs[0].Shape[0];
        ShapeException.Check(inputs.All(x => x.Shape[0] == batch), op, "every input with the same batch size on axis 0", inputs);
        return batch;
    }

    public static void CheckPermutation(int[] permutation, int batch, string op)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        if (permutation.Length != batch)
            throw new ArgumentException($"{op}: expected a permutation of {batch} indices; got {permutation.Length}");
        var seen = new bool[batch];
        foreach (int p in permutation)
        {
            if (p < 0 || p >= batch || seen[p]) throw new ArgumentException($"{op}: [{string.Join(", ", permutation)}] is not a permutation of 0..{batch - 1}");
            seen[p] = true;
        }
    }
}
