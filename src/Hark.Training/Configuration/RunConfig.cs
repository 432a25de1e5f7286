using Hark.Models;

namespace Hark.Training.Configuration;

/// <summary>
/// The fully resolved configuration of a run, written to `config.yaml` in the run directory: with the run's class
/// list and front end, it is all that prediction, evaluation and serving need.
/// </summary>
public sealed class RunConfig
{
    public ulong Seed { get; set; }

    /// <summary>Set when training starts: true when examples carry several labels (sigmoid outputs), false for one label (softmax).</summary>
    public bool MultiLabel { get; set; }
    public DataConfig Data { get; set; } = new();

    /// <summary>
    /// Set when training starts: the shape of each model input ([1, n_mels, frames] for audio, [3, size, size] per image),
    /// so that a run loads for prediction with nothing but its own folder.
    /// </summary>
    public List<int[]>? InputShapes { get; set; }

    /// <summary>A front-end preset name plus parameter overrides in snake_case (e.g. <c>preset: panns32k</c>, <c>n_mels: 128</c>).</summary>
    public Dictionary<string, object> FrontEnd { get; set; } = new() { ["preset"] = "seed-audio" };

    /// <summary>Side of the square each image input is resized to (multi-image data only).</summary>
    public int ImageSize { get; set; } = 96;

    public ModelConfig Model { get; set; } = new();
    public RecipeConfig Recipe { get; set; } = new();

    /// <summary>
    /// Set when training starts: what Hark chose from the data because the recipe left it open, and by which rule (see
    /// <see cref="ClipLengthRule"/>); null when nothing was.
    /// </summary>
    public string? ChosenFromData { get; set; }

    /// <summary>
    /// Set when training starts: which weights the run keeps and why (the best epoch on which validation rows, or the
    /// final epoch when there are none); see Hark.Workflows.ModelSelection.
    /// </summary>
    public string? ModelSelection { get; set; }

    /// <summary>How many evenly spaced crops (1 = centre) and light perturbations are averaged at prediction time.</summary>
    public TtaConfig Tta { get; set; } = new();
}

/// <summary>Test-time augmentation: K evenly spaced crops of long clips and/or lightly perturbed copies, probabilities averaged.</summary>
public sealed class TtaConfig
{
    public int Crops { get; set; } = 1;
    public int Perturbations { get; set; }

    /// <summary>Largest circular time shift of a perturbed copy, as a fraction of the frames.</summary>
    public float Shift { get; set; } = 0.05f;

    /// <summary>Largest gain of a perturbed copy in dB (added to log-mel inputs).</summary>
    public float GainDb { get; set; } = 1f;
}
