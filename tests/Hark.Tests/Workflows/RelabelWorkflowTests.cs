using System.Globalization;
using Hark.Data.Sources;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class RelabelWorkflowTests
{
    private static string Teacher(string csv, string folder)
    {
        var run = Path.Combine(folder, "teacher");
        TrainWorkflow.Run(new TrainRequest(csv, run, "seed-audio", ["recipe.epochs=2", "model.width=4", "recipe.batch_size=8"], Resume: false), new RecordingObserver());
        return run;
    }

    [Fact]
    public void LabelsTheTeacherSupportsStayWithWeightOne()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 3);
        var output = Path.Combine(folder, "relabeled.csv");
        var summary = RelabelWorkflow.Run(new RelabelRequest(Teacher(csv, folder), csv, output, Keep: 0, Add: 1), _ => { });
        Assert.Equal(summary.Rows, summary.Confirmed);
        var lines = File.ReadAllLines(output);
        Assert.Equal(File.ReadAllLines(csv)[0] + ",weight", lines[0]);
        Assert.Equal(File.ReadAllLines(csv).Skip(1).Select(l => Path.GetFileName(Path.GetDirectoryName(csv)) + "/" + l + ",1"), lines.Skip(1));
    }

    [Fact]
    public void UnsupportedSingleLabelsBecomeTheTeachersConfidentClassWeightedByItsProbability()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 3);
        var teacher = Teacher(csv, folder);
        var output = Path.Combine(folder, "relabeled.csv");
        RelabelWorkflow.Run(new RelabelRequest(teacher, csv, output, Keep: 1, Add: 0), _ => { });
        var predicted = PredictWorkflow.Run(new PredictRequest([teacher], csv, null), _ => { });
        var relabeled = LabelCsvSource.Load(output);
        for (int i = 0; i < predicted.Ids.Count; i++)
        {
            var p = predicted.Probabilities[i];
            int top = Array.IndexOf(p, p.Max());
            Assert.Equal(predicted.Classes[top], relabeled.Labels[relabeled.Items[i].Label]);
            Assert.Equal(p[top], relabeled.Items[i].Weight, 1e-4f);
        }
    }

    [Fact]
    public void ACsvWithAWeightColumnTrainsAndWeightZeroRowsTeachNothing()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 3);
        var lines = File.ReadAllLines(csv);
        var weighted = Path.Combine(Path.GetDirectoryName(csv)!, "weighted.csv");
        File.WriteAllLines(weighted, [lines[0] + ",weight", .. lines.Skip(1).Select((l, i) => l + (l.EndsWith(",test") ? ",1" : ",0"))]);
        var settings = new[] { "recipe.epochs=1", "model.width=4", "recipe.batch_size=8", "recipe.ema_decay=0", "recipe.weight_decay=0" };
        var run = Path.Combine(folder, "student");
        TrainWorkflow.Run(new TrainRequest(weighted, run, "seed-audio", settings, Resume: false), new RecordingObserver());
        var config = Hark.Inference.Predictor.Load(run).Config;
        var initial = Hark.Training.Loop.ModelFactory.Create(config.Model, config.InputShapes!, 4, config.Seed).StateDict();
        var trainedWeights = Hark.Tensors.Serialization.SafeTensors.Load(Path.Combine(run, "model.safetensors"));
        Assert.Equal(initial["classifier.weight"].ToArray(), trainedWeights["classifier.weight"].ToArray());
    }

    [Fact]
    public void ConfidentClassesAreAddedToMultilabelRows()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.MultiLabel(folder, perClass: 3);
        var output = Path.Combine(folder, "relabeled.csv");
        var summary = RelabelWorkflow.Run(new RelabelRequest(Teacher(csv, folder), csv, output, Keep: 0, Add: 0), _ => { });
        var relabeled = DataSource.Open(output);
        Assert.All(relabeled.Items, item => Assert.Equal(relabeled.Labels.Count, item.Labels.Length));
        Assert.True(summary.LabelsAdded > 0);
        Assert.Contains(relabeled.Items, item => item.Weight < 1);
    }

    [Fact]
    public void ThresholdsOutsideZeroToOneAreRefused()
    {
        var error = Assert.Throws<Hark.Data.ConfigException>(() => RelabelWorkflow.Run(new RelabelRequest("run", "data.csv", "out.csv", Keep: 1.5), _ => { }));
        Assert.Contains("--keep (1.5)", error.Message);
    }
}
