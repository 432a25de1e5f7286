using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// A PANNs checkpoint read whole (PANNs' released .pth in any of its layouts, or a safetensors file with PANNs' keys),
/// with the sizes its keys imply: mel bins (bn0), first width (conv_block1), embedding (fc1) and classes (the head).
/// Building the model from these sizes lets a small-width checkpoint load as well as PANNs' own.
/// </summary>
public sealed class PannsCheckpoint : IPretrainedCheckpoint
{
    private PannsCheckpoint(string path, IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        Path = path;
        Tensors = tensors;
        var shapes = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.Shape.ToArray());
        int[] Shape(string key) => shapes.TryGetValue(key, out var shape)
            ? shape
            : throw new StateDictException($"{path}: no '{key}' in the checkpoint, so it is not a PANNs network (keys: {Describe(tensors.Select(kv => kv.Key))})");
        MelBins = Shape("bn0.weight")[0];
        Width = Shape("conv_block1.conv1.weight")[0];
        EmbeddingSize = Shape("fc1.weight")[0];
        Classes = shapes.TryGetValue("fc_audioset.weight", out var head) ? head[0] : Shape("att_block.att.weight")[0];
        Recognised = ModelZoo.RecognisePanns(tensors);
    }

    public string Path { get; }
    public IReadOnlyList<KeyValuePair<string, Tensor>> Tensors { get; }
    public int MelBins { get; }
    public int Width { get; }
    public int EmbeddingSize { get; }

    /// <summary>The classes of the checkpoint's head (AudioSet's 527 for PANNs' released files).</summary>
    public int Classes { get; }

    /// <summary>Which PANNs model the keys look like (<see cref="ModelZoo.RecognisePanns"/>), or null.</summary>
    public string? Recognised { get; }

    /// <summary>Reads <paramref name="path"/>; errors name the file and, for a file that is no PANNs network, its keys.</summary>
    public static PannsCheckpoint Read(string path) => new(path, StateDictFile.Read(path).ToList());

    /// <summary>
    /// Throws unless the checkpoint fits <paramref name="model"/>: a PANNs name whose network the keys show (a file
    /// without extractor keys cannot tell cnn14 from cnn14-16k, so both are accepted then).
    /// </summary>
    public void RequireModel(string model)
    {
        if (ModelZoo.FrontEndPreset(model) is null)
            throw new ArgumentException($"{Path}: --model {model} is not a PANNs network; expected one of {string.Join(", ", ModelZoo.Names.Where(n => ModelZoo.FrontEndPreset(n) is not null))}");
        bool sameNetwork = Recognised == model || (Recognised == "cnn14" && model == "cnn14-16k");
        if (!sameNetwork)
            throw new StateDictException(Recognised is null
                ? $"{Path}: the keys look like none of the PANNs models, so it cannot load as {model} (keys: {Describe(Tensors.Select(kv => kv.Key))})"
                : $"{Path}: the keys look like {Recognised}, not {model}; pass --model {Recognised}");
    }

    /// <summary>
    /// Model <paramref name="model"/> built to this checkpoint's sizes with <paramref name="classes"/> classes (null: the
    /// checkpoint's), its weights loaded. With other classes than the checkpoint's the head keeps its fresh weights
    /// (<see cref="PannsClassifier.LoadPannsStateDict"/> with loadHead false). Shape mismatches name the keys and shapes.
    /// </summary>
    public PannsClassifier Build(string model, int? classes, Generator generator)
    {
        RequireModel(model);
        var config = new ModelConfig { Name = model, Width = Width, EmbeddingSize = EmbeddingSize };
        var built = (PannsClassifier)ModelZoo.Create(config, new ModelInputs(classes ?? Classes, MelBins: MelBins), generator);
        Load(built, loadHead: classes is null);
        return built;
    }

    /// <summary>Loads the weights into <paramref name="model"/>, its head too when <paramref name="loadHead"/> (otherwise it keeps its own, for new classes).</summary>
    public StateDictLoadResult Load(PannsClassifier model, bool loadHead)
    {
        try { return model.LoadPannsStateDict(Tensors, loadHead); }
        catch (StateDictException e) { throw new StateDictException($"{Path}: {e.Message}"); }
    }

    public StateDictLoadResult LoadBody(AudioClassifier model) => model is PannsClassifier panns
        ? Load(panns, loadHead: false)
        : throw new ArgumentException($"{Path}: only the PANNs models load PANNs checkpoints, not {model.GetType().Name}");

    private static string Describe(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        return list.Count <= 8 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(8))}, ... ({list.Count} in all)";
    }
}
