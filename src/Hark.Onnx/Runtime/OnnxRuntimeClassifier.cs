using Hark.Models;
using Hark.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Runtime;

/// <summary>
/// An ONNX model run by ONNX Runtime behind the <see cref="AudioClassifier"/> contract, so Hark's predictor, batching,
/// TTA, embedding and serving use it unchanged: feature batches [batch, channels, mels, frames] in, logits out
/// (probability outputs turned into the logits whose sigmoid gives them back, as <see cref="PannsClassifier"/> does),
/// embeddings from the signature's embedding output. It holds no parameters; InferenceSession.Run is thread-safe, so
/// one instance serves concurrent requests.
/// </summary>
public sealed class OnnxRuntimeClassifier : AudioClassifier
{
    private readonly InferenceSession session;

    public OnnxRuntimeClassifier(InferenceSession session, OnnxSignature signature, string source)
    {
        this.session = session;
        Signature = signature;
        Source = source;
    }

    public OnnxSignature Signature { get; }

    /// <summary>The file (or run) the model came from, for error messages.</summary>
    public string Source { get; }

    public override int ClassCount => Signature.Classes;
    public override int EmbeddingSize => Signature.EmbeddingSize;
    public override int InputCount => Signature.Inputs.Count;

    // inputs [batch, channels, mels, frames] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var scores = Run(inputs, Signature.Scores, Signature.Classes);
        if (!Signature.ScoresAreProbabilities) return scores;
        var p = Ops.Clamp(scores, 1e-7f, 1 - 1e-7f);
        return Ops.Sub(Ops.Log(p), Ops.Log(Ops.Sub(1f, p)));
    }

    // inputs [batch, channels, mels, frames] -> [batch, embedding]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs)
    {
        if (Signature.Embedding is null)
            throw new InvalidOperationException($"{Source}: the ONNX model has no embedding output (outputs: {string.Join(", ", session.OutputNames)})");
        return Run(inputs, Signature.Embedding, Signature.EmbeddingSize);
    }

    private Tensor Run(IReadOnlyList<Tensor> inputs, string output, int width)
    {
        CheckInputs(inputs);
        int batch = inputs[0].Shape[0];
        var values = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var input in inputs)
            {
                var x = Signature.FramesBeforeMels ? Ops.Transpose(input, 2, 3) : input;
                values.Add(OrtValue.CreateTensorValueFromMemory(x.ToArray(), [.. x.Shape.ToArray().Select(d => (long)d)]));
            }
            using var results = session.Run(new RunOptions(), [.. Signature.Inputs], values, [output]);
            var data = results[0].GetTensorDataAsSpan<float>();
            if (data.Length != batch * width)
                throw new InvalidDataException($"{Source}: output '{output}' has {data.Length} values for a batch of {batch}; expected [{batch}, {width}]");
            return Tensor.FromArray(data.ToArray(), batch, width);
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }
}
