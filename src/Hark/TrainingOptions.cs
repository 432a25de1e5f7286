using Hark.Training.Configuration;

namespace Hark;

/// <summary>
/// What <see cref="AudioTrainer"/> trains: the data, where the run goes, a named recipe and the settings people change
/// most. Any other key of a run's <c>config.yaml</c> goes in <see cref="Settings"/> (as <c>hark train --set</c> takes it).
/// Unset values keep the recipe's.
/// </summary>
public sealed record TrainingOptions(string Data, string OutputDirectory)
{
    /// <summary>A recipe name (see <see cref="Recipes"/>) or a recipe YAML file.</summary>
    public string Recipe { get; init; } = RecipeCatalog.DefaultAudio;
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    /// <summary>The peak learning rate (<c>recipe.max_lr</c> of the one-cycle schedule).</summary>
    public double? MaxLearningRate { get; init; }
    /// <summary>A model of the zoo, e.g. <c>keras-cnn</c>, <c>resnet-se</c>, <c>cnn14</c>.</summary>
    public string? Model { get; init; }
    public ulong? Seed { get; init; }
    /// <summary>Other configuration keys, e.g. <c>["front_end.n_mels"] = "128"</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The recipe names Hark knows.</summary>
    public static IReadOnlyList<string> Recipes => RecipeCatalog.Names;

    internal IReadOnlyList<string> Overrides()
    {
        var overrides = new List<string>();
        if (Epochs is { } epochs) overrides.Add($"recipe.epochs={epochs}");
        if (BatchSize is { } batchSize) overrides.Add($"recipe.batch_size={batchSize}");
        if (MaxLearningRate is { } lr) overrides.Add(FormattableString.Invariant($"recipe.max_lr={lr}"));
        if (Model is { } model) overrides.Add($"model.name={model}");
        if (Seed is { } seed) overrides.Add($"seed={seed}");
        overrides.AddRange(Settings.Select(kv => $"{kv.Key}={kv.Value}"));
        return overrides;
    }
}
