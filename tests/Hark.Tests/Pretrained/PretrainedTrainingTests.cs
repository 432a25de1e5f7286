using Hark.Inference;
using Hark.Tensors.Serialization;
using Hark.Tests.Workflows;
using Hark.Workflows;

namespace Hark.Tests.Pretrained;

public class PretrainedTrainingTests
{
    private static readonly string[] ShortClips = ["front_end.length.seconds=1.0", "recipe.batch_size=8"];

    private static (string Run, RecordingObserver Observer, string Weights) Train(string recipe, string csv, string folder, params string[] settings)
    {
        var (weights, _) = TinyPanns.Write(folder, "cnn14");
        var run = Path.Combine(folder, $"run-{Guid.NewGuid():N}");
        var observer = new RecordingObserver();
        TrainWorkflow.Run(new TrainRequest(csv, run, recipe, [$"model.pretrained={weights}", .. ShortClips, .. settings], Resume: false), observer);
        return (run, observer, weights);
    }

    private static Dictionary<string, float[]> Weights(string file) => SafeTensors.Load(file).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    [Fact]
    public void FinetuningReplacesTheHeadListsTheKeysAndKeepsTheBodyWhileFrozen()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var (run, observer, weights) = Train("panns-finetune", csv, folder, "recipe.epochs=1", "recipe.freeze_epochs=1");
        var report = Assert.Single(observer.Messages, m => m.StartsWith("pretrained "));
        Assert.Contains("head replaced for 4 classes", report);
        Assert.Contains("missing keys (new): fc_audioset.weight [4, 128], fc_audioset.bias [4]", report);
        Assert.Contains("unexpected keys (not loaded): fc_audioset.weight [5, 128], fc_audioset.bias [5]", report);

        var start = Weights(weights);
        var kept = Weights(new Hark.Training.Runs.RunDirectory(run).Model);
        foreach (var (key, values) in start.Where(kv => !kv.Key.StartsWith("fc_audioset.")))
            Assert.True(values.SequenceEqual(kept[key]), $"{key} changed while the body was frozen");
        Assert.False(start["fc_audioset.bias"].Length == kept["fc_audioset.bias"].Length);
        Assert.Contains(kept["fc_audioset.bias"], b => b != 0);

        var (unfrozen, _, _) = Train("panns-finetune", csv, folder, "recipe.epochs=1", "recipe.freeze_epochs=0");
        var moved = Weights(new Hark.Training.Runs.RunDirectory(unfrozen).Model);
        Assert.False(start["conv_block1.conv1.weight"].SequenceEqual(moved["conv_block1.conv1.weight"]));
        Assert.False(start["conv_block1.bn1.running_mean"].SequenceEqual(moved["conv_block1.bn1.running_mean"]));

        var table = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        Assert.Equal(File.ReadAllLines(csv).Length - 1, table.Ids.Count);
    }

    [Fact]
    public void APretrainedCheckpointOfAnotherModelIsRefusedNamingIt()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 2);
        var (weights, _) = TinyPanns.Write(folder, "cnn10");
        var error = Assert.Throws<Hark.Nn.StateDictException>(() => TrainWorkflow.Run(
            new TrainRequest(csv, Path.Combine(folder, "run"), "panns-finetune", [$"model.pretrained={weights}", .. ShortClips], Resume: false), new RecordingObserver()));
        Assert.Contains("look like cnn10", error.Message);
    }

    [Fact]
    public void TheProbeRunPredictsLikeAnyRunWithTheBodyAsLoadedAndReusesItsEmbeddings()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 6);
        var (run, observer, weights) = Train("probe", csv, folder);
        Assert.Contains(observer.Messages, m => m.Contains("embeddings of 128 values computed"));
        Assert.Contains(observer.Messages, m => m.Contains("softmax") && m.Contains("L-BFGS"));
        var start = Weights(weights);
        var kept = Weights(new Hark.Training.Runs.RunDirectory(run).Model);
        Assert.True(start["conv_block4.conv2.weight"].SequenceEqual(kept["conv_block4.conv2.weight"]));

        var predictor = Predictor.Load(run);
        var table = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        Assert.All(table.Probabilities, p => Assert.Equal(1, p.Sum(), 1e-4));
        var metrics = EvalWorkflow.Run(new EvalRequest(run, csv, Rows: "all"), _ => { }).Metrics;
        Assert.InRange(metrics["accuracy"], 0, 1);
        Assert.Equal(4, predictor.Classes.Count);

        var (_, again, _) = Train("probe", csv, folder);
        Assert.Contains(again.Messages, m => m.Contains("read from the cache"));
    }

    [Fact]
    public void TheProbeFitsOneSigmoidPerClassOnMultilabelData()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.MultiLabel(folder, perClass: 4);
        var (run, observer, _) = Train("probe", csv, folder);
        Assert.Contains(observer.Messages, m => m.Contains("one-vs-rest"));
        var table = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        Assert.True(table.MultiLabel);
        Assert.Contains(table.Probabilities, p => p.Sum() > 1.01f || p.Sum() < 0.99f);
    }
}
