using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// timm's EfficientNetV2 state-dict keys (timm/models/efficientnet.py with _efficientnet_blocks.py) renamed to
/// torchvision's, which <see cref="EfficientNetV2"/> registers: <c>conv_stem</c>, <c>bn1</c> -> <c>features.0.0</c>,
/// <c>features.0.1</c>; block <c>blocks.i.j.</c> -> <c>features.(i + 1).j.block.</c> with ConvBnAct's <c>conv</c>,
/// <c>bn1</c> -> <c>0.0</c>, <c>0.1</c>; EdgeResidual's <c>conv_exp</c>, <c>bn1</c>, <c>conv_pwl</c>, <c>bn2</c> ->
/// <c>0.0</c>, <c>0.1</c>, <c>1.0</c>, <c>1.1</c>; InvertedResidual's <c>conv_pw</c>, <c>bn1</c>, <c>conv_dw</c>,
/// <c>bn2</c>, <c>se.conv_reduce</c>, <c>se.conv_expand</c>, <c>conv_pwl</c>, <c>bn3</c> -> <c>0.0</c>, <c>0.1</c>,
/// <c>1.0</c>, <c>1.1</c>, <c>2.fc1</c>, <c>2.fc2</c>, <c>3.0</c>, <c>3.1</c>; <c>conv_head</c>, <c>bn2</c> -> the
/// last <c>features</c> entry; <c>classifier</c> -> <c>classifier.1</c>. A key outside this map keeps its name, so
/// loading reports it as unexpected. The layouts match torchvision's for tf_efficientnetv2_s and tf_efficientnetv2_m
/// (ConvBnAct first stage, SE reduced to a quarter of the block's input channels); efficientnetv2_rw_* (an
/// EdgeResidual first stage, two convs where torchvision has one) and the other timm EfficientNets are refused.
/// </summary>
public static class TimmEfficientNetV2Keys
{
    public static IReadOnlyList<string> Supported { get; } = ["tf_efficientnetv2_s", "tf_efficientnetv2_m"];

    /// <summary>Whether <paramref name="keys"/> are timm's EfficientNet naming (a <c>conv_stem</c> stem).</summary>
    public static bool IsTimm(IEnumerable<string> keys) => keys.Contains("conv_stem.weight");

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="path"/> when timm <paramref name="keys"/> are not one of <see cref="Supported"/>'s layouts.</summary>
    public static void RequireSupported(IReadOnlyCollection<string> keys, string path)
    {
        string supported = $"supported timm EfficientNets: {string.Join(", ", Supported)}";
        if (keys.Contains("blocks.0.0.conv_exp.weight"))
            throw new ArgumentException($"{path}: timm keys with an EdgeResidual first stage (blocks.0.0.conv_exp) are efficientnetv2_rw_*, which Hark does not load; {supported}");
        if (!keys.Contains("blocks.0.0.conv.weight") || !keys.Contains("conv_head.weight"))
            throw new ArgumentException($"{path}: timm keys without a ConvBnAct first block (blocks.0.0.conv) and conv_head are not an EfficientNetV2 Hark loads; {supported}");
    }

    /// <summary><paramref name="tensors"/> with timm's keys renamed to torchvision's (see the class summary).</summary>
    public static List<KeyValuePair<string, Tensor>> ToTorchvision(IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        var keys = tensors.Select(kv => kv.Key).ToHashSet();
        int stages = keys.Select(k => k.Split('.')).Where(p => p.Length > 2 && p[0] == "blocks" && int.TryParse(p[1], out _)).Select(p => int.Parse(p[1]) + 1).DefaultIfEmpty(0).Max();
        return tensors.Select(kv => new KeyValuePair<string, Tensor>(Rename(kv.Key, stages, keys), kv.Value)).ToList();
    }

    private static string Rename(string key, int stages, HashSet<string> keys)
    {
        var parts = key.Split('.', 2);
        if (parts.Length < 2) return key;
        var (module, rest) = (parts[0], parts[1]);
        switch (module)
        {
            case "conv_stem": return $"features.0.0.{rest}";
            case "bn1": return $"features.0.1.{rest}";
            case "conv_head": return $"features.{stages + 1}.0.{rest}";
            case "bn2": return $"features.{stages + 1}.1.{rest}";
            case "classifier": return $"classifier.1.{rest}";
            case "blocks": return RenameBlock(key, rest, keys);
            default: return key;
        }
    }

    // "i.j.module...tensor" under blocks. -> features.(i + 1).j.block.<torchvision position>.tensor
    private static string RenameBlock(string key, string rest, HashSet<string> keys)
    {
        var parts = rest.Split('.');
        if (parts.Length < 4 || !int.TryParse(parts[0], out int stage) || !int.TryParse(parts[1], out int block)) return key;
        bool inverted = keys.Contains($"blocks.{stage}.{block}.conv_dw.weight");
        string module = parts[2] == "se" ? $"se.{parts[3]}" : parts[2];
        string? position = module switch
        {
            "conv" or "conv_exp" or "conv_pw" => "0.0",
            "bn1" => "0.1",
            "conv_dw" => "1.0",
            "bn2" => "1.1",
            "se.conv_reduce" => "2.fc1",
            "se.conv_expand" => "2.fc2",
            "conv_pwl" => inverted ? "3.0" : "1.0",
            "bn3" => "3.1",
            _ => null,
        };
        if (position is null) return key;
        int tensorStart = parts[2] == "se" ? 4 : 3;
        return $"features.{stage + 1}.{block}.block.{position}.{string.Join('.', parts[tensorStart..])}";
    }
}
