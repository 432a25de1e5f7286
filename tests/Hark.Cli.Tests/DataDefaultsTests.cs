using Hark.Audio.Export;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Cli.Tests;

/// <summary>`hark train` with no clip length set takes it from the training clips, says so, and records it in config.yaml.</summary>
public class DataDefaultsTests
{
    [Fact]
    public void TrainWithoutAClipLengthTakesItFromTheTrainingClipsAndRecordsTheRule()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: i => 2.0 + 0.1 * i);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings]);
        Assert.True(result.ExitCode == 0, result.All);
        // 10 training clips (2 of the 12 are held out for validation) of 2.0-2.3 s: numpy.percentile(..., 90) = 2.3
        Assert.Contains("clip length 2.3 s, chosen from the data (the 90th percentile of the 10 training clips' durations (2.00-2.30 s", result.Out);
        var config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml");
        Assert.Equal(2.3, FrontEndResolver.Resolve(config.FrontEnd).Length!.Seconds, 9);
        Assert.StartsWith("front_end.length.seconds=2.3: the 90th percentile", config.ChosenFromData);
        Assert.Equal(1 + 2.3 * 16000 / 160, config.InputShapes![0][2], 9); // seed-audio: hop 160, centred frames
    }

    [Fact]
    public void WithoutValidationRowsAStratifiedHoldOutChoosesTheBestEpochAndTheLogConfigAndReportSayWhy()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: _ => 1.0);
        var run = Path.Combine(folder, "run");
        var result = Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings, "--set", "data.val_fraction=0.25"]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("train 9, validation 3, test 6", result.Out);
        const string expected = "best epoch by validation macro_f1 on the 3 rows held out from training (data.validation=stratified, data.val_fraction=0.25)";
        Assert.Contains("model selection: " + expected + "; the data marks no validation rows (split=val), and on EMO-DB a held-out best epoch", result.Out);
        Assert.Contains("--set data.validation=column trains on every row", result.Out);
        Assert.Equal(expected, ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(Path.Combine(run, "config.yaml")), "config.yaml").ModelSelection);
        Assert.Contains("model selection", File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void ValidationColumnTrainsOnEveryRowAndKeepsTheFinalEmaWeights()
    {
        var folder = Directory.CreateTempSubdirectory("hark-defaults-").FullName;
        var csv = WriteTones(folder, secondsOf: _ => 1.0);
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

    // Three classes of tones (250, 500, 1000 Hz), 4 training and 2 test clips each, at 16 kHz; clip i of a class lasts secondsOf(i).
    private static string WriteTones(string folder, Func<int, double> secondsOf)
    {
        var lines = new List<string> { "path,label,split" };
        var generator = new Generator(3);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 6; i++)
            {
                int length = (int)Math.Round(secondsOf(i) * 16000);
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
