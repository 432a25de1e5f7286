namespace Hark.Onnx.Runtime;

/// <summary>
/// How Hark feeds and reads one ONNX model: its feature inputs in model-input order, whether they take frames before
/// mels (PANNs' [batch, 1, frames, mels], the transpose of Hark's [batch, channels, mels, frames]), the output read as
/// scores (<see cref="ScoresAreProbabilities"/>: per-class sigmoid probabilities, as PANNs' clipwise_output, rather
/// than logits), and the embedding output, if any.
/// </summary>
public sealed record OnnxSignature(IReadOnlyList<string> Inputs, bool FramesBeforeMels, string Scores, bool ScoresAreProbabilities, string? Embedding,
    int Classes, int EmbeddingSize);
