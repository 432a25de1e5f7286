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

    /// <summary>
    /// The parameter's depth for layer-wise learning-rate decay (<c>recipe.layer_decay</c>): 0 at the input, the head
    /// deepest; null where the model defines no depths.
    /// </summary>
    public virtual int? LayerDepth(string parameterName) => null;

    public abstract Tensor Embed(IReadOnlyList<Tensor> inputs);

    /// <summary>
    /// Loads a pretrained state dict by name. With <paramref name="loadHead"/> every key must match (strict); without,
    /// the checkpoint's head (<see cref="IsHeadParameter"/>) is skipped and this model keeps its own, for fine-tuning
    /// on new classes, while every body key must still match. Nothing is loaded when it fails; the error names
    /// <paramref name="description"/> and lists the missing and unexpected keys (shape mismatches: both shapes).
    /// </summary>
    public StateDictLoadResult LoadBodyStateDict(IEnumerable<KeyValuePair<string, Tensor>> checkpoint, bool loadHead, string description)
    {
        var kept = checkpoint.Where(kv => loadHead || !IsHeadParameter(kv.Key)).ToList();
        if (loadHead) return LoadStateDict(kept, strict: true);
        var own = StateDict();
        var keys = kept.Select(kv => kv.Key).ToHashSet();
        var missing = own.Keys.Where(k => !keys.Contains(k) && !IsHeadParameter(k)).ToList();
        var unexpected = keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new StateDictException($"{description}: the checkpoint's body does not match this {GetType().Name}: "
                + $"missing keys ({missing.Count}): {string.Join(", ", missing)} | unexpected keys ({unexpected.Count}): {string.Join(", ", unexpected)}");
        return LoadStateDict(kept, strict: false);
    }

    /// <summary>
    /// The one place a batch moves to the model's device (see <see cref="Module.To"/>): features and batch augmentations
    /// are a CPU stage, and trainer, evaluation and prediction hand their host batches through here to
    /// <see cref="Forward"/> or <see cref="Embed"/>. Inputs already on the model's device pass through untouched.
    /// </summary>
    public Tensor[] OnModelDevice(IReadOnlyList<Tensor> batch)
    {
        var device = Device;
        return batch.Select(x => x.To(device)).ToArray();
    }

    public abstract Tensor Forward(IReadOnlyList<Tensor> inputs);

    protected void CheckInputs(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != InputCount)
            throw new ShapeException($"{GetType().Name}: expected {InputCount} input tensor(s) per batch, got {inputs.Count}");
        foreach (var x in inputs)
            ShapeException.Check(x.Rank == 4, GetType().Name, "inputs shaped [batch, channels, height, width]", x);
    }

    /// <summary>
    /// Checks the inputs and returns them as one batch: a single input as it is, several concatenated along the
    /// channel axis (early fusion, for models with one trunk), which needs equal batch, height and width.
    /// </summary>
    protected Tensor FuseInputs(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        if (inputs.Count == 1) return inputs[0];
        foreach (var x in inputs)
            ShapeException.Check(x.Shape[0] == inputs[0].Shape[0] && x.Shape[2] == inputs[0].Shape[2] && x.Shape[3] == inputs[0].Shape[3],
                GetType().Name, "inputs with equal batch, height and width (they are stacked as channels)", [.. inputs]);
        return Ops.Cat([.. inputs], 1);
    }
}
