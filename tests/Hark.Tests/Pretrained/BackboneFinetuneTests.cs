using Hark.Tensors.Serialization;
using Hark.Tests.Workflows;
using Hark.Training.Configuration;
using Hark.Training.Runs;
using Hark.Workflows;

namespace Hark.Tests.Pretrained;

/// <summary>
/// finetune-b from a torchvision checkpoint (the narrow EfficientNetV2-S of tests/Hark.Models.Tests/Fixtures): the
/// network is sized after the checkpoint, its body loads, the classifier is replaced and named, and the run predicts
/// with test-time augmentation; without model.pretrained the run says it trains from scratch.
/// </summary>
public class BackboneFinetuneTests
{
    private static readonly string Checkpoint =
        Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Models.Tests", "Fixtures", "efficientnet_v2_s_tiny.safetensors");

    private static readonly string[] Small =
        ["model.name=efficientnet-v2-s", "model.image_size=32", "front_end.length.seconds=1.0", "recipe.batch_size=8", "recipe.epochs=1"];

    [Fact]
    public void FinetuningSizesTheNetworkAfterTheCheckpointReplacesTheClassifierAndPredictsWithTta()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var run = Path.Combine(folder, "run");
        var observer = new RecordingObserver();
        TrainWorkflow.Run(new TrainRequest(csv, run, "finetune-b", [$"model.pretrained={Checkpoint}", .. Small], Resume: false), observer);

        var report = Assert.Single(observer.Messages, m => m.StartsWith("pretrained "));
        Assert.Contains("head replaced for 4 classes", report);
        Assert.Contains("missing keys (new): classifier.1.weight [4, 80], classifier.1.bias [4]", report);
        Assert.Contains("unexpected keys (not loaded): classifier.1.weight [5, 80], classifier.1.bias [5]", report);
        var configFile = new RunDirectory(run).Config;
        var config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(configFile), configFile);
        Assert.Equal(1.0 / 16, config.Model.WidthMultiplier);
        var start = SafeTensors.Load(Checkpoint);
        var trained = SafeTensors.Load(new RunDirectory(run).Model);
        Assert.Equal(start.Keys.Order(), trained.Keys.Order());
        Assert.All(start.Where(kv => !kv.Key.StartsWith("classifier.")), kv => Assert.Equal(kv.Value.Shape, trained[kv.Key].Shape));
        Assert.Equal(11, config.Tta.Perturbations);
        var table = PredictWorkflow.Run(new PredictRequest([run], csv, null), _ => { });
        Assert.Equal(File.ReadAllLines(csv).Length - 1, table.Ids.Count);
        Assert.All(table.Probabilities, p => Assert.Equal(1, p.Sum(), 1e-4));
    }

    [Fact]
    public void WithoutPretrainedWeightsTheRunSaysItTrainsFromScratch()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 2);
        var observer = new RecordingObserver();
        TrainWorkflow.Run(new TrainRequest(csv, Path.Combine(folder, "run"), "finetune-b",
            [.. Small, "model.width_multiplier=0.0625", "model.depth_multiplier=0.2"], Resume: false), observer);
        Assert.Contains(observer.Messages, m => m.Contains("efficientnet-v2-s trains from scratch"));
    }

    [Fact]
    public void ACheckpointOfAnotherNetworkIsRefusedNamingTheMissingKey()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 2);
        var resnet = Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Models.Tests", "Fixtures", "resnet_w4.pth");
        var error = Assert.Throws<Hark.Data.ConfigException>(() => TrainWorkflow.Run(
            new TrainRequest(csv, Path.Combine(folder, "run"), "finetune-b", [$"model.pretrained={resnet}", .. Small], Resume: false), new RecordingObserver()));
        Assert.Contains("features.0.0.weight", error.Message);
    }
}
