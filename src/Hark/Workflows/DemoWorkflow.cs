using Hark.Demo;
using Hark.Inference;
using Hark.Training.Configuration;
using Hark.Training.Loop;

namespace Hark.Workflows;

/// <summary>What `hark demo` produced, and the recipe and settings it trained with.</summary>
public sealed record DemoSummary(string DataCsv, TrainSummary Training, string Submission, string Recipe, IReadOnlyList<string> Overrides);

/// <summary>
/// `hark demo`: writes the synthetic four-class dataset, trains the named <c>demo</c> recipe on it (so `hark train
/// --recipe demo` reproduces it), evaluates on its test rows and predicts them into a submission, leaving a complete run
/// directory to look at. Running it again replaces the previous demo run.
/// </summary>
public static class DemoWorkflow
{
    public const string Recipe = "demo";

    /// <summary><paramref name="epochs"/>: null keeps the recipe's own (10); tests shorten it.</summary>
    public static DemoSummary Run(string folder, ITrainingObserver observer, int perClass = 60, int? epochs = null)
    {
        var dataFolder = Path.Combine(folder, "data");
        observer.Message($"writing a synthetic dataset ({DemoDataset.Classes.Length} classes x {perClass} training clips) to {dataFolder}");
        var csv = DemoDataset.Write(dataFolder, perClass);
        var runFolder = Path.Combine(folder, "run");
        IReadOnlyList<string> overrides = epochs is int e ? [$"recipe.epochs={e}"] : [];
        observer.Message($"training recipe '{Recipe}' ({RecipeCatalog.Describe(Recipe)}){(overrides.Count > 0 ? " with --set " + string.Join(" --set ", overrides) : "")}");
        var training = TrainWorkflow.Run(new TrainRequest(csv, runFolder, Recipe, overrides, Resume: false, Overwrite: true), observer);
        var submission = Path.Combine(folder, "submission.csv");
        PredictWorkflow.Run(new PredictRequest([runFolder], csv, submission), observer.Message);
        return new DemoSummary(csv, training, submission, Recipe, overrides);
    }
}
