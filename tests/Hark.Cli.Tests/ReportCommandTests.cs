namespace Hark.Cli.Tests;

/// <summary>A trained run's report.html and `hark report RUN1 RUN2 ... --out FILE`.</summary>
public class ReportCommandTests(TrainedRun trained) : IClassFixture<TrainedRun>
{
    [Fact]
    public void TheRunsReportHasItsTestSectionsAndNoTrainingStatusOnceFinished()
    {
        var html = File.ReadAllText(Path.Combine(trained.Run, "report.html"));
        Assert.Contains(">predicted class</text>", html);
        Assert.Contains("ROC and precision-recall curves (test)", html);
        Assert.Contains("<td>macro avg</td>", html);
        Assert.Contains("chosen from the data", html);
        Assert.DoesNotContain("class=\"status\"", html);
    }

    [Fact]
    public void TheRunHoldsItsHistoryAsATensorBoardEventFile()
    {
        var events = File.ReadAllBytes(Path.Combine(trained.Run, "events.out.tfevents.hark"));
        Assert.Contains("brain.Event:2", System.Text.Encoding.ASCII.GetString(events));
        Assert.Contains("loss/train", System.Text.Encoding.ASCII.GetString(events));
    }

    [Fact]
    public void ReportComparesRunsOnOnePage()
    {
        var output = Path.Combine(trained.Folder, "compare.html");
        var result = Cli.Run(["report", trained.Run, trained.Run, "--out", output]);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"report: {output}", result.Out);
        var html = File.ReadAllText(output);
        // the same folder twice: told apart by full path, one table row each
        Assert.Equal(2, html.Split($"<tr><td>{Path.GetFullPath(trained.Run)}</td>").Length - 1);
    }

    [Fact]
    public void AFolderThatIsNotARunIsNamedWithWhatToPass()
    {
        var folder = Directory.CreateTempSubdirectory("hark-not-a-run-").FullName;
        Cli.AssertUserError(Cli.Run(["report", trained.Run, folder]), folder, "not a run directory", "hark train");
    }

    [Fact]
    public void ReportWithoutARunIsAUsageError()
    {
        Cli.AssertUserError(Cli.Run(["report", "--out", "x.html"]), "missing RUN");
    }
}
