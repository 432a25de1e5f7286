using Hark.Tests.Workflows;

namespace Hark.Cli.Tests;

/// <summary>Inputs read the same way by predict, eval and index; run directories that are not overwritten by accident; eval's rows.</summary>
public class InputAndRunTests(TrainedRun trained) : IClassFixture<TrainedRun>
{
    [Fact]
    public void PredictOnAFlatFolderWritesAPredictionForEveryAudioFile()
    {
        var flat = Directory.CreateDirectory(Path.Combine(trained.Folder, "flat")).FullName;
        var clips = trained.AudioFiles.Take(5).ToList();
        foreach (var clip in clips) File.Copy(clip, Path.Combine(flat, Path.GetFileName(clip)));
        File.WriteAllText(Path.Combine(flat, "README.txt"), "not an input");
        var output = Path.Combine(trained.Folder, "flat-predictions.csv");
        var result = Cli.Run("predict", trained.Run, flat, "--out", output);
        Assert.True(result.ExitCode == 0, result.All);
        var rows = File.ReadAllLines(output);
        Assert.Equal("fname,predicted", rows[0]);
        Assert.Equal(clips.Select(Path.GetFileName).Order(StringComparer.Ordinal), rows.Skip(1).Select(r => r.Split(',')[0]));
        Assert.Contains("README.txt", result.Error);
    }

    [Fact]
    public void NestedAndClassFoldersPredictEveryFileUnderThemWithRelativeIds()
    {
        var nested = Path.Combine(trained.Folder, "nested");
        var deep = Directory.CreateDirectory(Path.Combine(nested, "a", "b")).FullName;
        File.Copy(trained.AudioFiles[0], Path.Combine(deep, "x.wav"));
        File.Copy(trained.AudioFiles[1], Path.Combine(nested, "y.wav"));
        var output = Path.Combine(trained.Folder, "nested.csv");
        Assert.Equal(0, Cli.Run("predict", trained.Run, nested, "--out", output).ExitCode);
        Assert.Equal(["a/b/x.wav", "y.wav"], File.ReadAllLines(output).Skip(1).Select(r => r.Split(',')[0]));
    }

    [Fact]
    public void EvalScoresClassFoldersWithTheirLabelsAndAFlatFolderOnlyWithASolution()
    {
        var classes = Path.Combine(trained.Folder, "classes");
        foreach (var clip in trained.AudioFiles.Where(f => Path.GetFileName(f).StartsWith("test_", StringComparison.Ordinal)))
        {
            var label = Path.GetFileName(clip).Split('_')[1];
            Directory.CreateDirectory(Path.Combine(classes, label));
            File.Copy(clip, Path.Combine(classes, label, Path.GetFileName(clip)));
        }
        var result = Cli.Run("eval", trained.Run, classes);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("scored all 8 rows", result.Error);
        Assert.Contains("\"accuracy\"", result.Out);
        Cli.AssertUserError(Cli.Run("eval", trained.Run, Path.Combine(classes, "tone")), "has no labels", "--solution");
    }

    [Fact]
    public void EvalScoresTheTestRowsByDefaultAndSaysHowMany()
    {
        var byDefault = Cli.Run("eval", trained.Run, trained.Csv);
        Assert.True(byDefault.ExitCode == 0, byDefault.All);
        Assert.Contains("scored 8 test rows", byDefault.Error);
        var all = Cli.Run("eval", trained.Run, trained.Csv, "--rows", "all", "--cache", "none");
        Assert.Contains("scored all 24 rows", all.Error);
        Cli.AssertUserError(Cli.Run("eval", trained.Run, trained.Csv, "--rows", "val"), "no val rows", "--rows all");
        Cli.AssertUserError(Cli.Run("eval", trained.Run, trained.Csv, "--rows", "train"), "--rows train", "all, test or val");
    }

    [Fact]
    public void IndexTakesAFlatFolderAndASingleFileLikePredict()
    {
        var flat = Directory.CreateDirectory(Path.Combine(trained.Folder, "to-index")).FullName;
        foreach (var clip in trained.AudioFiles.Take(3)) File.Copy(clip, Path.Combine(flat, Path.GetFileName(clip)));
        var folderIndex = Cli.Run("index", trained.Run, flat, "--out", Path.Combine(trained.Folder, "folder.idx"));
        Assert.True(folderIndex.ExitCode == 0, folderIndex.All);
        Assert.Contains(": 3 clips", folderIndex.Out);
        var fileIndex = Cli.Run("index", trained.Run, trained.AudioFiles[0], "--out", Path.Combine(trained.Folder, "file.idx"));
        Assert.Contains(": 1 clips", fileIndex.Out);
    }

    [Fact]
    public void AnOutFolderHoldingARunIsRefusedUnlessOverwriteIsGiven()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var run = Path.Combine(folder, "run");
        Assert.Equal(0, Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings]).ExitCode);
        var model = File.ReadAllBytes(Path.Combine(run, "model.safetensors"));
        Cli.AssertUserError(Cli.Run(["train", "--data", csv, "--out", run, .. TrainedRun.Settings]), "already holds a run", "--overwrite", "--resume");
        Assert.Equal(model, File.ReadAllBytes(Path.Combine(run, "model.safetensors")));
        var cv = Directory.CreateDirectory(Path.Combine(folder, "cv", "fold-1")).FullName;
        File.Copy(Path.Combine(run, "config.yaml"), Path.Combine(cv, "config.yaml"));
        Cli.AssertUserError(Cli.Run("cv", "--data", csv, "--out", Path.GetDirectoryName(cv)!, "--folds", "2"), "fold-1 already holds a run");

        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        var again = Cli.Run(["train", "--data", csv, "--out", run, "--overwrite", "--set", "seed=7", .. TrainedRun.Settings]);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("seed: 7", File.ReadAllText(Path.Combine(run, "config.yaml")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));
    }

    [Fact]
    public void RunPredictionsNameTheTrueLabelTargetAndThePredictedClassPredicted()
    {
        var rows = File.ReadAllLines(Path.Combine(trained.Run, "predictions.csv"));
        Assert.StartsWith("id,target,predicted,chirp,noise,pulses,tone", rows[0]);
        var truth = File.ReadAllLines(trained.Csv).Skip(1).Select(l => l.Split(',')).Where(f => f[2] == "test").ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(truth.Count, rows.Length - 1);
        foreach (var row in rows.Skip(1).Select(r => r.Split(','))) Assert.Equal(truth[row[0]], row[1]);
    }
}
