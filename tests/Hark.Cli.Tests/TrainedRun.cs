using Hark.Tests.Workflows;

namespace Hark.Cli.Tests;

/// <summary>A tiny run trained once through `hark train` (the demo's four classes, 4 training and 2 test clips each, 1 epoch) for the tests that need one.</summary>
public sealed class TrainedRun
{
    public TrainedRun()
    {
        Folder = TinyData.Folder();
        Csv = TinyData.SingleLabel(Folder, perClass: 4);
        Run = Path.Combine(Folder, "run");
        var result = Cli.Run(["train", "--data", Csv, "--out", Run, .. Settings]);
        Assert.True(result.ExitCode == 0, result.All);
    }

    /// <summary>The smallest settings that train: one epoch of a 4-channel network.</summary>
    public static string[] Settings { get; } = ["--set", "recipe.epochs=1", "--set", "model.width=4", "--set", "recipe.batch_size=8"];

    public string Folder { get; }
    public string Csv { get; }
    public string Run { get; }

    /// <summary>The data's folder (the CSV's), holding audio/*.wav.</summary>
    public string DataFolder => Path.GetDirectoryName(Csv)!;

    public IReadOnlyList<string> AudioFiles => Directory.GetFiles(Path.Combine(DataFolder, "audio"), "*.wav").Order(StringComparer.Ordinal).ToList();
}
