using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class DemoWorkflowTests
{
    [Fact]
    public void DemoLearnsItsSyntheticClassesAndWritesASubmission()
    {
        var folder = TinyData.Folder();
        var summary = DemoWorkflow.Run(folder, new RecordingObserver(), perClass: 24, epochs: 6);
        Assert.True(File.Exists(summary.Training.Run.Report));
        Assert.Equal(File.ReadAllLines(summary.DataCsv).Length, File.ReadAllLines(summary.Submission).Length);
        Assert.True(summary.Training.TestMetrics["accuracy"] > 0.5, $"accuracy {summary.Training.TestMetrics["accuracy"]} is no better than a coin on four classes");
        Assert.Equal("demo", summary.Recipe);
        Assert.Contains("name: demo", File.ReadAllText(summary.Training.Run.Config));
        var again = DemoWorkflow.Run(folder, new RecordingObserver(), perClass: 24, epochs: 1);
        Assert.Equal(summary.Training.Run.Path, again.Training.Run.Path);
    }
}
