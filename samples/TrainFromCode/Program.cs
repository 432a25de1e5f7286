// Trains a model from code with typed options and a progress callback, then classifies a clip with it:
//   dotnet run --project samples/TrainFromCode -- runs/demo/data/metadata.csv runs/from-code
using Hark;

var options = new TrainingOptions(Data: args[0], OutputDirectory: args[1])
{
    Recipe = "seed-audio",
    Epochs = 4,
    BatchSize = 16,
    Seed = 7,
    Settings = new Dictionary<string, string> { ["model.width"] = "8" },
};
var progress = new Progress<TrainingProgress>(p =>
{
    if (p.FinishedEpoch is { } epoch)
        Console.WriteLine($"epoch {epoch.Epoch}/{p.Epochs}: train loss {epoch.TrainLoss:F4}, validation loss {epoch.ValidationLoss:F4}");
    else if (p.Message is { } message)
        Console.WriteLine(message);
});
var summary = AudioTrainer.Train(options, progress);
Console.WriteLine($"best epoch {summary.Outcome.BestEpoch}; test accuracy {summary.TestMetrics.GetValueOrDefault("accuracy", double.NaN):F3}");

var model = AudioModel.Load(summary.Run.Path);
var clip = Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(args[0]))!, "*.wav", SearchOption.AllDirectories).First();
Console.WriteLine($"{Path.GetFileName(clip)}: {model.Classify(clip, top: 1)[0].Label}");
