using Hark.Tests.Workflows;
using Hark.Workflows;

namespace Hark.Tests;

public class LibraryFacadeTests
{
    private sealed class Recorder : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];
        public void Report(TrainingProgress value) => Reports.Add(value);
    }

    [Fact]
    public void TypedOptionsTrainARunWhoseModelClassifiesAndEmbedsAsPredictDoes()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var recorder = new Recorder();
        var options = new TrainingOptions(csv, Path.Combine(folder, "run"))
        {
            Epochs = 2,
            BatchSize = 8,
            Seed = 3,
            Settings = new Dictionary<string, string> { ["model.width"] = "4" },
        };

        var summary = AudioTrainer.Train(options, recorder);

        Assert.Equal([1, 2], recorder.Reports.Where(r => r.FinishedEpoch is not null).Select(r => r.Epoch));
        Assert.All(recorder.Reports.Where(r => r.Batch > 0), r => Assert.Equal(2, r.Epochs));
        Assert.Contains(recorder.Reports, r => r.Message?.Contains("parameters", StringComparison.Ordinal) == true);
        Assert.Equal(2, summary.Outcome.History.Count);

        var model = AudioModel.Load(summary.Run.Path);
        var clip = Directory.EnumerateFiles(Path.GetDirectoryName(csv)!, "*.wav", SearchOption.AllDirectories).Order().First();
        var top = model.Classify(clip, top: 2);
        var probabilities = model.Probabilities(clip);
        Assert.Equal(2, top.Count);
        Assert.True(top[0].Probability >= top[1].Probability);
        Assert.Equal(model.Classes[Array.IndexOf(probabilities, probabilities.Max())], top[0].Label);
        Assert.Equal(1.0, probabilities.Sum(), 4);

        var predicted = PredictWorkflow.Run(new PredictRequest([summary.Run.Path], clip, null, CacheDir: "none"), _ => { });
        Assert.Equal(predicted.Probabilities[0], probabilities);
        Assert.Equal(model.EmbeddingSize, model.Embed(clip).Length);
    }
}
