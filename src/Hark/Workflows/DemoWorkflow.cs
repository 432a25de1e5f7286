using Hark.Demo;
using Hark.Inference;
using Hark.Training.Loop;

namespace Hark.Workflows;

/// <summary>What `hark demo` produced.</summary>
public sealed record DemoSummary(string DataCsv, TrainSummary Training, string Submission);

/// <summary>
/// `hark demo`: writes the synthetic four-class dataset, trains the seed recipe on it for a few epochs, evaluates on
/// its test rows and predicts them into a submission, leaving a complete run directory to look at.
/// </summary>
public static class DemoWorkflow
{
    public static DemoSummary Run(string folder, ITrainingObserver observer, int perClass = 60, int epochs = 10)
    {
        var dataFolder = Path.Combine(folder, "data");
        observer.Message($"writing a synthetic dataset ({DemoDataset.Classes.Length} classes x {perClass} training clips) to {dataFolder}");
        var csv = DemoDataset.Write(dataFolder, perClass);
        var runFolder = Path.Combine(folder, "run");
        var training = TrainWorkflow.Run(new TrainRequest(csv, runFolder, "seed-audio",
            [$"recipe.epochs={epochs}", "recipe.batch_size=16", "model.width=16", "data.validation=stratified", "data.val_fraction=0.2"], Resume: false), observer);
        var submission = Path.Combine(folder, "submission.csv");
        PredictWorkflow.Run(new PredictRequest([runFolder], csv, submission), observer.Message);
        return new DemoSummary(csv, training, submission);
    }
}
