using Hark.Inference;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class PredictWorkflowTests
{
    private static (string Folder, string Csv, string Run) TrainedRun()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder);
        var run = Path.Combine(folder, "run");
        TrainWorkflow.Run(new TrainRequest(csv, run, "seed-audio", ["recipe.epochs=2", "model.width=4", "recipe.batch_size=8"], Resume: false), new RecordingObserver());
        return (folder, csv, run);
    }

    [Fact]
    public void PredictionsComeInInputOrderAndSolutionScoringEqualsLabelledScoring()
    {
        var (folder, csv, run) = TrainedRun();
        var rows = File.ReadAllLines(csv).Skip(1).Reverse().ToList();
        var reversed = Path.Combine(Path.GetDirectoryName(csv)!, "reversed.csv");
        File.WriteAllLines(reversed, ["path,label,split", .. rows]);
        var output = Path.Combine(folder, "submission.csv");
        var table = PredictWorkflow.Run(new PredictRequest([run], reversed, output), _ => { });
        var written = File.ReadAllLines(output);
        Assert.Equal("path,predicted", written[0]);
        Assert.Equal(rows.Select(r => r.Split(',')[0]), written.Skip(1).Select(r => r.Split(',')[0]));

        var unlabelled = Path.Combine(Path.GetDirectoryName(csv)!, "unlabelled.csv");
        File.WriteAllLines(unlabelled, ["path", .. rows.Select(r => r.Split(',')[0])]);
        var solution = Path.Combine(folder, "solution.csv");
        File.WriteAllLines(solution, ["id,target", .. rows.Select(r => $"{r.Split(',')[0]},{r.Split(',')[1]}")]);
        var labelled = EvalWorkflow.Run(new EvalRequest(run, reversed, Rows: "all"), _ => { });
        var scored = EvalWorkflow.Run(new EvalRequest(run, unlabelled, solution), _ => { });
        Assert.Equal(rows.Count, labelled.Rows);
        Assert.Equal(rows.Count, scored.Rows);
        Assert.Equal(labelled.Metrics["accuracy"], scored.Metrics["accuracy"]);
        Assert.Equal(table.Probabilities.Length, rows.Count);
    }

    [Fact]
    public void SingleFilePredictionEqualsTheBatchPredictionOfThatFile()
    {
        var (_, csv, run) = TrainedRun();
        var first = File.ReadAllLines(csv)[1].Split(',')[0];
        var path = Path.Combine(Path.GetDirectoryName(csv)!, first);
        var batch = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        var single = PredictWorkflow.Run(new PredictRequest([run], path, null), _ => { });
        for (int c = 0; c < batch.Classes.Count; c++) Assert.Equal(batch.Probabilities[0][c], single.Probabilities[0][c], 5);
    }

    [Fact]
    public void AClipLongerThanTheClipLengthIsScoredAsTheMeanOfTheWindowsThatCoverIt()
    {
        var (folder, _, run) = TrainedRun();
        Assert.Equal(Hark.Training.Configuration.TtaConfig.Cover, Predictor.Load(run).Config.Tta.Crops);
        // 3.5 s at the run's 16 kHz with its 1 s clip length: ceil(3.5) = 4 windows at round(k * 2.5 s / 3)
        var generator = new Hark.Tensors.Generator(11);
        var samples = new float[56_000];
        for (int t = 0; t < samples.Length; t++)
            samples[t] = 0.4f * MathF.Sin(2 * MathF.PI * (300 + 500 * (t / 14_000)) * t / 16_000f) + 0.05f * (float)(generator.NextDouble() - 0.5);
        var clips = Path.Combine(folder, "long");
        Directory.CreateDirectory(clips);
        Hark.Audio.Export.WavWriter.WritePcm16(Path.Combine(clips, "long.wav"), samples, 16_000);
        int[] offsets = [0, 13_333, 26_667, 40_000];
        for (int k = 0; k < offsets.Length; k++)
            Hark.Audio.Export.WavWriter.WritePcm16(Path.Combine(clips, $"window{k}.wav"), samples.AsSpan(offsets[k], 16_000), 16_000);

        var table = PredictWorkflow.Run(new PredictRequest([run], clips, null), _ => { });
        float[] Row(string name) => table.Probabilities[table.Ids.ToList().FindIndex(id => id.EndsWith(name, StringComparison.Ordinal))];
        var windows = offsets.Select((_, k) => Row($"window{k}.wav")).ToArray();
        var whole = Row("long.wav");
        for (int c = 0; c < table.Classes.Count; c++) Assert.Equal(windows.Average(w => w[c]), whole[c], 5);
        Assert.NotEqual(windows[0], whole);
        var single = PredictWorkflow.Run(new PredictRequest([run], Path.Combine(clips, "long.wav"), null), _ => { });
        for (int c = 0; c < table.Classes.Count; c++) Assert.Equal(whole[c], single.Probabilities[0][c], 5);
    }

    [Fact]
    public void EnsembleOfARunWithItselfEqualsTheRun()
    {
        var (_, csv, run) = TrainedRun();
        var one = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        var two = PredictWorkflow.Run(new PredictRequest([run, run], csv, null, EnsembleMethod.Mean), _ => { });
        for (int i = 0; i < one.Probabilities.Length; i++)
            for (int c = 0; c < one.Classes.Count; c++) Assert.Equal(one.Probabilities[i][c], two.Probabilities[i][c], 6);
    }

    [Fact]
    public void MissingRunDirectoryNamesTheMissingConfig()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Predictor.Load(Path.Combine(Path.GetTempPath(), "no-such-run-" + Guid.NewGuid())));
        Assert.Contains("config.yaml", error.Message);
    }
}
