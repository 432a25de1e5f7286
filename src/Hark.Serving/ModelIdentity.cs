using System.Security.Cryptography;
using Hark.Inference;

namespace Hark.Serving;

/// <summary>
/// Names the exact weights a run serves: the SHA-256 of its model.safetensors (whichever engine runs it), or of the
/// model file itself when one stands in place of a run (an exported .onnx), so an index or a client can tell a
/// retrained model apart.
/// </summary>
public static class ModelIdentity
{
    public static string Of(Predictor predictor)
    {
        using var stream = File.OpenRead(File.Exists(predictor.Run.Path) ? predictor.Run.Path : predictor.Run.Model);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The first 12 characters of an identity, enough to tell models apart in a message.</summary>
    public static string Short(string modelId) => modelId.Length <= 12 ? modelId : modelId[..12];
}
