namespace Hark.Cli.Tests;

/// <summary>
/// Each failure a first-week user met (issue 16) ends with exit code 2 and one paragraph that names what to change,
/// never a stack trace, an exception type name or a parser's raw text.
/// </summary>
public class ErrorMessageTests(TrainedRun trained) : IClassFixture<TrainedRun>
{
    private static readonly string NoData = Path.Combine(Path.GetTempPath(), "hark-no-such-folder", "metadata.csv");

    [Theory]
    [InlineData("recipe.lr=-1", "recipe.lr=-1", "positive learning rate")]
    [InlineData("recipe.batch_size=0", "recipe.batch_size=0", "at least 1")]
    [InlineData("recipe.epochs=-3", "recipe.epochs=-3", "at least 1")]
    [InlineData("recipe.loss=foo", "recipe.loss=foo", "ce, bce, focal, gce, sce")]
    [InlineData("recipe.epochz=3", "recipe.epochz", "did you mean recipe.epochs?")]
    [InlineData("epochs=3", "epochs", "did you mean recipe.epochs?")]
    [InlineData("recipe.epochs=abc", "recipe.epochs", "expects a whole number")]
    [InlineData("recipe.lr=fast", "recipe.lr", "expects a number")]
    [InlineData("recipe.nesterov=maybe", "recipe.nesterov", "true or false")]
    [InlineData("front_end.n_melz=64", "front_end.n_melz", "did you mean front_end.n_mels?")]
    [InlineData("recipe.mix=0.2", "recipe.mix", "recipe.mix.mixup_alpha")]
    [InlineData("model.name=cnn15", "model.name=cnn15", "did you mean cnn14?")]
    public void ABadSettingIsRefusedBeforeAnyDataIsRead(string setting, string key, string advice)
    {
        foreach (var command in new[] { "train", "cv" })
        {
            var message = Cli.AssertUserError(Cli.Run(command, "--data", NoData, "--out", Path.Combine(trained.Folder, "unused"), "--set", setting), key, advice);
            Assert.DoesNotContain("not found", message);
            Assert.DoesNotContain("multi-label", message);
            Assert.DoesNotContain("RecipeConfig", message);
            Assert.DoesNotContain("model.safetensors", message);
        }
    }

    [Fact]
    public void EveryBadSettingAtOnceIsListedInOneMessage()
    {
        var result = Cli.Run("train", "--data", NoData, "--out", Path.Combine(trained.Folder, "unused"), "--set", "recipe.lr=-1", "--set", "recipe.batch_size=0");
        Cli.AssertUserError(result, "2 settings", "recipe.lr=-1", "recipe.batch_size=0");
    }

    [Fact]
    public void ARecipeFileWithAnUnknownKeyNamesTheFileAndTheKey()
    {
        var file = Path.Combine(trained.Folder, "typo.yaml");
        File.WriteAllText(file, "base: seed-audio\nrecipe:\n  epocs: 3\n");
        Cli.AssertUserError(Cli.Run("train", "--data", NoData, "--out", Path.Combine(trained.Folder, "unused"), "--recipe", file), file, "did you mean recipe.epochs?");
    }

    [Fact]
    public void PredictingWithSkipBadWhenEveryFileIsSkippedSaysSo()
    {
        var folder = Directory.CreateDirectory(Path.Combine(trained.Folder, "all-bad")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.wav"), "not audio");
        File.WriteAllText(Path.Combine(folder, "b.wav"), "not audio either");
        var result = Cli.Run("predict", trained.Run, folder, "--skip-bad");
        Cli.AssertUserError(result, "none of the 2 file(s) could be read");
        Assert.Contains("a.wav", result.Error);
    }

    [Fact]
    public void AClassWithASingleTrainingClipIsNamedWithTheWaysOutWhenAStratifiedHoldOutIsAsked()
    {
        var lines = File.ReadAllLines(trained.Csv);
        var keep = lines.Skip(1).Where(l => !l.Contains(",tone,") || l.Contains("train_tone_000")).ToList();
        var csv = Path.Combine(trained.DataFolder, "one-tone.csv");
        File.WriteAllLines(csv, [lines[0], .. keep]);
        Cli.AssertUserError(Cli.Run(["train", "--data", csv, "--out", Path.Combine(trained.Folder, "one-tone"), .. TrainedRun.Settings, "--set", "data.validation=stratified"]),
            "'tone'", "single training clip", "--set data.validation=column");
    }

    [Fact]
    public void AClassesFileWithAnExtraLineIsNamed()
    {
        var copy = Path.Combine(trained.Folder, "edited-run");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(trained.Run)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        File.Delete(Path.Combine(copy, "classes.json"));
        File.WriteAllLines(Path.Combine(copy, "classes.txt"), ["chirp", "noise", "pulses", "tone", "extra"]);
        Cli.AssertUserError(Cli.Run("predict", copy, trained.AudioFiles[0]), "classes.txt", "5 classes");
    }

    [Fact]
    public void AMissingAudioFileIsReportedAsAMissingAudioFile()
    {
        var missing = Path.Combine(trained.DataFolder, "no-such-clip.wav");
        var message = Cli.AssertUserError(Cli.Run("predict", trained.Run, missing), "no such audio file", missing);
        Assert.DoesNotContain("CSV", message);
    }

    [Fact]
    public void AMissingRowFileHintNamesTheFlagNotTheEnum()
    {
        var csv = Path.Combine(trained.DataFolder, "with-missing.csv");
        File.WriteAllLines(csv, ["path,label", "audio/train_tone_000.wav,tone", "audio/gone.wav,tone"]);
        var result = Cli.Run("predict", trained.Run, csv);
        Cli.AssertUserError(result, "--skip-bad");
        Assert.DoesNotContain("ProblemPolicy", result.All);
    }

    [Fact]
    public void AnUnknownOptionListsTheKnownOnes()
    {
        Cli.AssertUserError(Cli.Run("train", "--dta", "x.csv"), "unknown option --dta", "--data");
    }

    [Fact]
    public void AnInternalErrorExits1AndShowsItsStackTraceOnlyWhenVerbose()
    {
        Exception thrown;
        try { throw new InvalidOperationException("an invariant broke"); }
        catch (InvalidOperationException e) { thrown = e; }
        var quiet = new StringWriter();
        Assert.Equal(1, CommandFailure.Report("train", thrown, verbose: false, ConsoleOutput.For(quiet, live: false)));
        Assert.Contains("internal error", quiet.ToString());
        Assert.Contains("--verbose", quiet.ToString());
        Assert.DoesNotContain("   at ", quiet.ToString());
        var verbose = new StringWriter();
        Assert.Equal(1, CommandFailure.Report("train", new AggregateException(thrown), verbose: true, ConsoleOutput.For(verbose, live: false)));
        Assert.Contains("   at ", verbose.ToString());
        Assert.Contains("an invariant broke", verbose.ToString().Split('\n')[0]);
    }

    [Fact]
    public void VerboseAddsTheStackTraceToAUserError()
    {
        var result = Cli.Run("predict", trained.Run, Path.Combine(trained.DataFolder, "no-such-clip.wav"), "--verbose");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.Error);
    }
}
