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
