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

    /// <summary>The tensors of a .safetensors file or a torch.save'd zip, by key.</summary>
    public static IEnumerable<KeyValuePair<string, Tensor>> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"StateDictFile: file not found: {path}", path);
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path)) magic = magic[..stream.Read(magic)];
        bool isZip = magic.Length == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K';
        return isZip ? PyTorchCheckpoint.LoadStateDict(path) : SafeTensors.Load(path);
    }
}
