using Hark.Audio.Export;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Cli.Tests;

/// <summary>
/// `hark train` with no clip length set takes it from the training clips, and with no validation rows decides whether to hold
/// some out from the recipe; it says so and records both in config.yaml.
/// </summary>
public class DataDefaultsTests
{
    [Fact]
    public void TrainWithoutAClipLengthTakesItFromTheTrainingClipsAndRecordsTheRule()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: (_, i) => 2.0 + 0.1 * i);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("recipe default-audio (no --recipe given): seed-audio without SpecAugment", result.Out);
        // 12 training clips of 2.0-2.3 s (default-audio steers nothing by validation scores, so none is held out): numpy.percentile(..., 90) = 2.3
        Assert.Contains("clip length 2.3 s, chosen from the data (the 90th percentile of the 12 training clips' durations (2.00-2.30 s", result.Out);
        Assert.Contains("train 12, validation 0, test 6", result.Out);
        const string selection = "final epoch's EMA weights, trained on all 12 training rows: the data marks no validation rows (split=val) and "
            + "data.validation=auto trains on every row when the recipe steers nothing by validation scores";
        Assert.Contains($"model selection: {selection}; --set data.validation=stratified holds out", result.Out);
        var config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml");
        Assert.Equal(("auto", selection), (config.Data.Validation, config.ModelSelection));
        Assert.Equal(2.3, FrontEndResolver.Resolve(config.FrontEnd).Length!.Seconds, 9);
        Assert.StartsWith("front_end.length.seconds=2.3: the 90th percentile", config.ChosenFromData);
        Assert.Equal((RecipeCatalog.DefaultAudio, null), (config.Recipe.Name, config.Recipe.Augment.SpecAugment));
        Assert.Equal(1 + 2.3 * 16000 / 160, config.InputShapes![0][2], 9); // the seed-audio front end: hop 160, centred frames

        // the test clips (2.4 and 2.5 s) are longer than 2.3 s: train scores them over covering windows, as eval does
        Assert.Contains("test: 6 of 6 clips are longer than the clip length", result.Out);
        var trained = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement.GetProperty("test");
        var evaluated = Hark.Workflows.EvalWorkflow.Run(new Hark.Workflows.EvalRequest(run, csv), _ => { });
        Assert.Equal(6, evaluated.Rows);
        foreach (var metric in new[] { "accuracy", "macro_f1", "roc_auc_macro" })
            Assert.Equal(evaluated.Metrics[metric], trained.GetProperty(metric).GetDouble(), 5);
    }

    [Fact]
    public void TrainingClipsLongerThanTheChosenLengthAreCroppedAtRandomAndAHandSetLengthKeepsTheFixedWindow()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: (c, i) => i == 3 && c < 2 ? 3.0 : 1.0);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings, "--set", "recipe.epochs=2", "--set", "data.validation=column"]);
        Assert.True(result.ExitCode == 0, result.All);
        // 12 training clips, 10 of 1.0 s and 2 of 3.0 s: numpy.percentile(..., 90) = 1.0 + 0.9 * 2.0 = 2.8
        Assert.Contains("clip length 2.8 s, chosen from the data", result.Out);
        Assert.Contains("longer training clips are cropped at a random offset each epoch (recipe.random_crop)", result.Out);
        Assert.Contains("random crops: 2 of 12 training clips are longer than the clip length (2.8 s); each epoch trains on a window of each at a random offset", result.Out);
        Assert.True(ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml").Recipe.RandomCrop);

        var handSet = Cli.Run(["train", "--data", csv, "--out", Path.Combine(folder, "hand-set"), .. TrainedRun.Settings, "--set", "recipe.epochs=1",
            "--set", "front_end.length.seconds=2.8"]);
        Assert.True(handSet.ExitCode == 0, handSet.All);
        Assert.DoesNotContain("random crops", handSet.Out);
        Assert.Contains("training crops as the front end says", handSet.Out);
    }

    [Fact]
    public void ARecipeSteeredByValidationScoresGetsAStratifiedHoldOutAndTheLogConfigAndReportSayWhy()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: (_, _) => 1.0);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings, "--set", "data.val_fraction=0.25", "--set", "recipe.early_stopping_patience=5"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("train 9, validation 3, test 6", result.Out);
        const string expected = "best epoch by validation macro_f1 on the 3 rows held out from training (data.validation=stratified, data.val_fraction=0.25); "
            + "data.validation=auto holds rows out because the recipe's early stopping needs validation scores";
        Assert.Contains("model selection: " + expected + "; --set data.validation=column trains on every row", result.Out);
        Assert.Equal(expected, ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml").ModelSelection);
        Assert.Contains("model selection", File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void ValidationColumnTrainsOnEveryRowAndKeepsTheFinalEmaWeights()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: (_, _) => 1.0);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings, "--set", "recipe.epochs=2", "--set", "data.validation=column"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("train 12, validation 0, test 6", result.Out);
        Assert.Contains("model selection: final epoch's EMA weights, trained on all 12 training rows: the data marks no validation rows (split=val) "
            + "and data.validation=column holds none out; --set data.validation=stratified", result.Out);
        Assert.Contains("kept epoch 2 of 2;", result.Out);
        Assert.DoesNotContain("*best", result.Out);
        var config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml");
        Assert.StartsWith("final epoch's EMA weights, trained on all 12 training rows", config.ModelSelection);
    }

    // Three classes of tones (250, 500, 1000 Hz), 4 training and 2 test clips each, at 16 kHz; clip i of class c lasts secondsOf(c, i).
    private static string WriteTones(string folder, Func<int, int, double> secondsOf)
    {
        var lines = new List<string> { "path,label,split" };
        var generator = new Generator(3);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 6; i++)
            {
                int length = (int)Math.Round(secondsOf(c, i) * 16000);
                var samples = new float[length];
                for (int t = 0; t < length; t++) samples[t] = 0.3f * MathF.Sin(2 * MathF.PI * (250 << c) * t / 16000f) + 0.01f * (float)(generator.NextDouble() - 0.5);
                var name = $"c{c}_{i}.wav";
                WavWriter.WritePcm16(Path.Combine(folder, name), samples, 16000);
                lines.Add($"{name},tone{250 << c},{(i < 4 ? "train" : "test")}");
            }
        var csv = Path.Combine(folder, "metadata.csv");
        File.WriteAllLines(csv, lines);
        return csv;
    }
}
