using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Nn.Checkpoints;

/// <summary>Saves and loads module state dicts as safetensors files under PyTorch's key names, and imports torch .pth files.</summary>
public static class StateDictFile
{
    /// <summary>Writes <paramref name="module"/>'s state dict to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, Module module, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(path, module.StateDict(), metadata);

    /// <summary>Loads a .safetensors file or a torch.save'd .pth / .pt file (chosen by content) into <paramref name="module"/>.</summary>
    public static StateDictLoadResult Load(string path, Module module, bool strict = true)
    {
        try { return module.LoadStateDict(Read(path), strict); }
        catch (StateDictException e) { throw new StateDictException($"{path}: {e.Message}"); }
    }

    /// <summary>
    /// The tensors of a .safetensors file or a torch.save'd file (zip or legacy format), by key. A file of another
    /// format, or one whose weights hold NaN or infinity, is refused with an error naming the file (and the tensor).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, Tensor>> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"StateDictFile: file not found: {path}", path);
        IEnumerable<KeyValuePair<string, Tensor>> tensors = CheckpointFormat.Detect(path, out var start) switch
        {
            CheckpointKind.SafeTensors => SafeTensors.Load(path),
            CheckpointKind.TorchZip or CheckpointKind.TorchLegacy => PyTorchCheckpoint.LoadStateDict(path),
            _ => throw new FormatException($"{path}: not a checkpoint Hark can read: {CheckpointFormat.Tried}; {start}"),
        };
        foreach (var (key, tensor) in tensors)
            if (tensor.Numel > 0 && !float.IsFinite(TensorPrimitives.MaxMagnitude(tensor.Span)))
                throw new FormatException($"{path}: tensor '{key}' {ShapeException.Format(tensor.Shape)} holds NaN or infinite values, so the weights are broken (a diverged or corrupted run)");
        return tensors;
    }
}
