using Hark.Audio;
using Hark.Data;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class PredictLimitsTests
{
    private static readonly string[] quick = ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8"];

    [Fact]
    public void ClipsLongerThanTheMaximumDurationAreRefusedFromTheirHeader()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 3);
        var run = TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "seed-audio", quick, Resume: false), new RecordingObserver()).Run;
        var clip = Directory.EnumerateFiles(Path.GetDirectoryName(csv)!, "*.wav", SearchOption.AllDirectories).Order().First();

        var error = Assert.Throws<AudioDecodeException>(() =>
            PredictWorkflow.Run(new PredictRequest([run.Path], clip, null, CacheDir: "none", MaxDurationSeconds: 0.1), _ => { }));
        Assert.Contains("--max-duration", error.Message);

        var reports = new List<string>();
        var output = Path.Combine(folder, "out.csv");
        var batchError = Assert.ThrowsAny<Exception>(() => PredictWorkflow.Run(
            new PredictRequest([run.Path], csv, output, OnBadInput: ProblemPolicy.Fail, CacheDir: "none", MaxDurationSeconds: 0.1), reports.Add));
        Assert.Contains("the limit is 0.1 s (--max-duration)", batchError.Message);
        Assert.False(File.Exists(output));
        var generous = PredictWorkflow.Run(new PredictRequest([run.Path], clip, null, CacheDir: "none", MaxDurationSeconds: 60), _ => { });
        Assert.Single(generous.Ids);
    }

    [Fact]
    public void PredictionsThatAreNotFiniteAreNeverWritten()
    {
        var path = Path.Combine(TinyData.Folder(), "predictions.csv");
        var error = Assert.Throws<InvalidDataException>(() =>
            PredictionFiles.Write(path, ["a.wav", "b.wav"], [[0.5f, 0.5f], [float.NaN, 1f]], ["cat", "dog"], multiLabel: false));
        Assert.StartsWith("b.wav: the model's probability of class 'cat' is NaN", error.Message);
        Assert.False(File.Exists(path));
    }
}
