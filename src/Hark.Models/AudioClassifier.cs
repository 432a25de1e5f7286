using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// A model of the zoo: one or more input batches [batch, channels, height, width] in, class logits [batch, classes]
/// out, and the embedding the head reads (for similarity search) on request.
/// </summary>
public abstract class AudioClassifier : Module
{
    public abstract int ClassCount { get; }
    public abstract int EmbeddingSize { get; }

    /// <summary>How many input tensors a sample has (three for the seed-000 triple-image model).</summary>
    public virtual int InputCount => 1;

    /// <summary>Whether the parameter named <paramref name="name"/> belongs to the classification head (for a separate head learning rate).</summary>
    public virtual bool IsHeadParameter(string name) => false;

    public abstract Tensor Embed(IReadOnlyList<Tensor> inputs);

    public abstract Tensor Forward(IReadOnlyList<Tensor> inputs);

    protected void CheckInputs(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != InputCount)
            throw new ShapeException($"{GetType().Name}: expected {InputCount} input tensor(s) per batch, got {inputs.Count}");
        foreach (var x in inputs)
            ShapeException.Check(x.Rank == 4, GetType().Name, "inputs shaped [batch, channels, height, width]", x);
    }
}
