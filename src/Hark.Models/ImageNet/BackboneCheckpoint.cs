using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// A torchvision state dict for resnet50 or efficientnet-v2-s/-m (torchvision's released .pth, or a .safetensors file
/// with torchvision's keys), read whole, with the sizes its shapes imply: resnet50's first-stage width, EfficientNetV2's
/// width and depth multipliers (the narrowest that reproduce every stage's channels and block count). Building the
/// model from these sizes lets a narrow checkpoint load as well as torchvision's own. timm's tf_efficientnetv2_s/-m
/// state dicts (timm's <c>model.safetensors</c> or .pth) load too: <see cref="TimmEfficientNetV2Keys"/> renames their
/// keys on reading, and <see cref="Configure"/> sets TensorFlow's "same" padding and batch-norm eps 1e-3 as timm does.
/// </summary>
public sealed class BackboneCheckpoint : IPretrainedCheckpoint
{
    /// <summary>timm's BN_EPS_TF_DEFAULT, the batch-norm eps of its tf_ ports.</summary>
    public const double TimmBatchNormEps = 1e-3;

    private readonly Dictionary<string, int[]> shapes;
    private readonly IReadOnlyCollection<string>? timmKeys;

    private BackboneCheckpoint(string path, IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        Path = path;
        var keys = tensors.Select(kv => kv.Key).ToList();
        if (TimmEfficientNetV2Keys.IsTimm(keys))
        {
            timmKeys = keys;
            tensors = TimmEfficientNetV2Keys.ToTorchvision(tensors);
        }
        Tensors = tensors;
        shapes = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Shape.ToArray());
    }

    public string Path { get; }
    /// <summary>The checkpoint's tensors under torchvision's keys (a timm checkpoint's renamed).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Tensors { get; }

    /// <summary>Whether the file had timm's keys (conv_stem, blocks.i.j, conv_head) rather than torchvision's.</summary>
    public bool FromTimm => timmKeys is not null;

    public static BackboneCheckpoint Read(string path) => new(path, StateDictFile.Read(path).ToList());

    /// <summary>Sets <paramref name="config"/>'s unset sizes from the checkpoint; throws <see cref="ArgumentException"/> when the keys are not <paramref name="config"/>.Name's.</summary>
    public void Configure(ModelConfig config)
    {
        if (timmKeys is not null)
        {
            TimmEfficientNetV2Keys.RequireSupported(timmKeys, Path);
            if (config.Name is not ("efficientnet-v2-s" or "efficientnet-v2-m"))
                throw new ArgumentException($"{Path}: a timm tf_efficientnetv2_s/-m checkpoint loads into efficientnet-v2-s or efficientnet-v2-m, not {config.Name}");
            config.TfSamePadding ??= true;
            config.BatchNormEps ??= TimmBatchNormEps;
        }
        if (config.Name == "resnet50")
        {
            config.Width ??= Shape("layer1.0.conv1.weight", "resnet50")[0];
            return;
        }
        var preset = config.Name == "efficientnet-v2-m" ? EfficientNetV2Options.Medium : EfficientNetV2Options.Small;
        int stages = preset.Stages.Count;
        int stem = Shape("features.0.0.weight", config.Name)[0], last = Shape($"features.{stages + 1}.0.weight", config.Name)[0];
        var layers = Enumerable.Range(1, stages).Select(s => shapes.Keys.Count(k => k.StartsWith($"features.{s}.", StringComparison.Ordinal) && k.EndsWith(".block.0.0.weight", StringComparison.Ordinal))).ToArray();
        var outChannels = Enumerable.Range(1, stages).Select(s => LastNorm(s, layers[s - 1])).ToArray();
        double depth = config.DepthMultiplier ?? Enumerable.Range(0, stages).Select(s => (double)layers[s] / preset.Stages[s].Layers).Min();
        IEnumerable<double> widths = config.WidthMultiplier is double given ? [given]
            : outChannels.Select((c, s) => (double)c / preset.Stages[s].OutChannels).Append((double)last / preset.LastChannel).Append((double)stem / preset.Stages[0].InChannels).Distinct().OrderBy(w => w);
        foreach (double width in widths)
        {
            var scaled = preset.Scaled(width, depth);
            if (scaled.LastChannel == last && scaled.Stages[0].InChannels == stem
                && scaled.Stages.Select(s => s.OutChannels).SequenceEqual(outChannels) && scaled.Stages.Select(s => s.Layers).SequenceEqual(layers))
            {
                config.WidthMultiplier = width;
                config.DepthMultiplier = depth;
                return;
            }
        }
        throw new ArgumentException($"{Path}: no width and depth multipliers of {config.Name} give its stages' channels ({string.Join(", ", outChannels)}), "
            + $"blocks ({string.Join(", ", layers)}), stem {stem} and last conv {last}");
    }

    // the output channels of stage s (features.s): its last block's last batch norm
    private int LastNorm(int stage, int blocks)
    {
        if (blocks == 0) throw new ArgumentException($"{Path}: no blocks under features.{stage}, so it is not a torchvision EfficientNetV2 ({Describe()})");
        var prefix = $"features.{stage}.{blocks - 1}.block.";
        var norm = shapes.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(".1.running_mean", StringComparison.Ordinal)).Max(StringComparer.Ordinal)!;
        return shapes[norm][0];
    }

    private int[] Shape(string key, string model) => shapes.TryGetValue(key, out var shape)
        ? shape
        : throw new ArgumentException($"{Path}: no '{key}' in the checkpoint, so it is not torchvision's {model} ({Describe()})");

    public StateDictLoadResult LoadBody(AudioClassifier model)
    {
        if (model is not ImageNetClassifier backbone)
            throw new ArgumentException($"{Path}: a torchvision checkpoint loads into resnet50 or efficientnet-v2-s/-m, not {model.GetType().Name}");
        return backbone.LoadBodyStateDict(Tensors, loadHead: false, Path);
    }

    private string Describe()
    {
        var keys = Tensors.Select(kv => kv.Key).ToList();
        return $"keys: {string.Join(", ", keys.Take(8))}{(keys.Count > 8 ? $", ... ({keys.Count} in all)" : "")}";
    }
}
