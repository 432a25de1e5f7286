using Hark.Data;
using Hark.Evaluation;
using Hark.Evaluation.Metrics;
using Hark.Evaluation.Reports;
using Hark.Features.Examples;
using Hark.Training.Configuration;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Workflows;

/// <summary>
/// A run's report.html: <see cref="Progress"/> after every epoch (facts and curves so far, so training can be watched),
/// <see cref="Final"/> at the end with the test scores, confusion matrix, ROC/PR curves and most confident mistakes.
/// </summary>
internal static class RunReport
{
    /// <summary>How many of the most confident mistakes the report shows, each with its audio embedded.</summary>
    public const int MistakesShown = 8;

    public static void Progress(RunDirectory run, RunConfig config, IReadOnlyList<EpochRecord> history, int? bestEpoch, long parameters) =>
        AtomicFile.WriteAllText(run.Report, HtmlReport.Render(new ReportContent($"Hark run {run.Path}", history, Facts: Facts(config, parameters, bestEpoch, history.Count))
        {
            BestEpoch = bestEpoch,
            Status = $"training: epoch {history.Count} of {config.Recipe.Epochs} done; this page is rewritten after every epoch",
        }));

    public static void Final(RunDirectory run, RunConfig config, Dataset dataset, TrainingOutcome outcome, FeatureSet? test, float[][] probabilities,
        IReadOnlyDictionary<string, double> metrics, long parameters)
    {
        var classes = dataset.Labels.Names;
        long[,]? confusion = null;
        ClassificationReport? perClass = null;
        (bool[][], float[][])? scores = null;
        IReadOnlyList<ReportMistake>? mistakes = null;
        if (test is { IsMultiLabel: false, IsLabelled: true })
        {
            var predicted = probabilities.Select(MetricSuite.ArgMax).ToArray();
            confusion = ConfusionMatrix.Compute(test.Labels!, predicted, classes.Count);
            perClass = ClassificationReport.Build(test.Labels!, predicted, classes);
            scores = ([.. test.Labels!.Select(label => Enumerable.Range(0, classes.Count).Select(c => c == label).ToArray())], probabilities);
            mistakes = Mistakes(dataset, test, probabilities, predicted);
        }
        else if (test is { IsMultiLabel: true })
        {
            perClass = ClassificationReport.Build(test.MultiHot(), Thresholds.Apply(probabilities), classes);
            scores = (test.MultiHot(), probabilities);
        }
        var content = new ReportContent($"Hark run {run.Path}", outcome.History, metrics, confusion, classes, perClass?.Classes,
            Facts(config, parameters, outcome.BestEpoch, outcome.History.Count))
        {
            BestEpoch = outcome.BestEpoch,
            Averages = perClass?.Averages,
            Scores = scores,
            Mistakes = mistakes,
        };
        AtomicFile.WriteAllText(run.Report, HtmlReport.Render(content));
    }

    // The wrong test predictions, most confident first, with their audio file and input features.
    private static List<ReportMistake> Mistakes(Dataset dataset, FeatureSet test, float[][] probabilities, int[] predicted)
    {
        var byId = dataset.Items.ToDictionary(item => item.Id);
        var shape = test.InputShapes[0];
        bool spectrogram = test.InputShapes.Count == 1 && shape.Length == 3 && shape[0] == 1;
        int size = test.SampleSize(0);
        return [.. Enumerable.Range(0, test.Count)
            .Where(i => predicted[i] != test.Labels![i])
            .OrderByDescending(i => probabilities[i][predicted[i]])
            .Take(MistakesShown)
            .Select(i => new ReportMistake(test.Ids[i], dataset.Labels.Names[test.Labels![i]], dataset.Labels.Names[predicted[i]], probabilities[i][predicted[i]],
                byId.TryGetValue(test.Ids[i], out var item) && !Hark.Features.Extraction.FeatureExtraction.IsImage(item) ? item.Path : null,
                spectrogram ? test.Inputs[0].AsSpan(i * size, size).ToArray() : null, spectrogram ? shape[1] : 0, spectrogram ? shape[2] : 0))];
    }

    private static Dictionary<string, string> Facts(RunConfig config, long parameters, int? bestEpoch, int epochs)
    {
        var facts = new Dictionary<string, string>
        {
            ["data"] = config.Data.Source,
            ["model"] = $"{config.Model.Name} ({parameters:N0} parameters)",
            ["recipe"] = config.Recipe.Name,
            ["front end"] = (string)config.FrontEnd["preset"],
            ["best epoch"] = bestEpoch is { } best ? $"{best} of {epochs}" : $"none yet ({epochs} run)",
        };
        if (config.ChosenFromData is not null) facts["chosen from the data"] = config.ChosenFromData;
        if (config.ModelSelection is not null) facts["model selection"] = config.ModelSelection;
        return facts;
    }
}
