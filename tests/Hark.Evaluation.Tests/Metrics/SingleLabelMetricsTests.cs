using System.Text.Json;
using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary>Single-label metrics against scikit-learn 1.2.1 on the fixture cases (tolerance 1e-9).</summary>
public class SingleLabelMetricsTests
{
    public static TheoryData<string> Cases => MetricFixtures.Single;

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccuracyAndHammingLoss(string name)
    {
        var c = MetricFixtures.Case(name);
        MetricFixtures.Near(c.Number("accuracy"), Accuracy.Score(c.LabelsTrue, c.LabelsPred), "accuracy");
        MetricFixtures.Near(c.Number("hamming_loss"), HammingLoss.Score(c.LabelsTrue, c.LabelsPred), "hamming");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopKAccuracy(string name)
    {
        var c = MetricFixtures.Case(name);
        foreach (int k in new[] { 2, 3 })
            if (c.NumberOrNull($"top{k}_accuracy") is double expected)
                MetricFixtures.Near(expected, Accuracy.TopK(c.LabelsTrue, c.Scores, k), $"top-{k}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfusionMatrixAndNormalisations(string name)
    {
        var c = MetricFixtures.Case(name);
        var matrix = ConfusionMatrix.Compute(c.LabelsTrue, c.LabelsPred, c.Classes);
        var expected = c.Expected("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (int r = 0; r < c.Classes; r++)
            Assert.Equal(expected[r], Enumerable.Range(0, c.Classes).Select(col => matrix[r, col]));
        foreach (var (mode, key) in new[] { (ConfusionNormalization.True, "true"), (ConfusionNormalization.Pred, "pred"), (ConfusionNormalization.All, "all") })
        {
            var normalised = ConfusionMatrix.Normalize(matrix, mode);
            var rows = c.Expected("confusion_matrix_" + key).EnumerateArray().Select(MetricCase.Numbers).ToArray();
            for (int r = 0; r < c.Classes; r++)
                MetricFixtures.Near(rows[r], Enumerable.Range(0, c.Classes).Select(col => normalised[r, col]).ToArray(), $"normalize={key} row {r}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AveragedPrecisionRecallF1(string name)
    {
        var c = MetricFixtures.Case(name);
        var allLabels = Enumerable.Range(0, c.Classes).ToArray();
        foreach (var (key, labels, zd) in new[] { ("prf_default_labels_zd0", (int[]?)null, 0.0), ("prf_default_labels_zd1", null, 1.0), ("prf_all_labels_zd0", allLabels, 0.0), ("prf_all_labels_zd1", allLabels, 1.0) })
        {
            foreach (var (average, avgName) in new[] { (Average.Macro, "macro"), (Average.Micro, "micro"), (Average.Weighted, "weighted") })
            {
                var s = PrecisionRecallFScore.Averaged(c.LabelsTrue, c.LabelsPred, average, labels, zd);
                var expected = MetricCase.Numbers(c.Expected(key).GetProperty(avgName));
                MetricFixtures.Near(expected, [s.Precision, s.Recall, s.FScore], $"{key} {avgName}");
            }
        }
        MetricFixtures.Near(c.Number("f2_macro"), PrecisionRecallFScore.Averaged(c.LabelsTrue, c.LabelsPred, Average.Macro, beta: 2).FScore, "F2 macro");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PerClassScores(string name)
    {
        var c = MetricFixtures.Case(name);
        var labels = Enumerable.Range(0, c.Classes).ToArray();
        foreach (var (key, zd) in new[] { ("per_class_zd0", 0.0), ("per_class_zd1", 1.0) })
        {
            var s = PrecisionRecallFScore.PerClass(c.LabelsTrue, c.LabelsPred, labels, zd);
            var expected = c.Expected(key);
            MetricFixtures.Near(MetricCase.Numbers(expected.GetProperty("precision")), s.Precision, $"{key} precision");
            MetricFixtures.Near(MetricCase.Numbers(expected.GetProperty("recall")), s.Recall, $"{key} recall");
            MetricFixtures.Near(MetricCase.Numbers(expected.GetProperty("f1")), s.FScore, $"{key} f1");
            if (expected.TryGetProperty("support", out var support))
                Assert.Equal(support.EnumerateArray().Select(v => v.GetInt64()), s.Support);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClassificationReportTextMatchesSklearn(string name)
    {
        var c = MetricFixtures.Case(name);
        var report = ClassificationReport.Build(c.LabelsTrue, c.LabelsPred, c.ClassNames);
        Assert.Equal(c.Expected("report_2").GetString(), report.ToText());
        Assert.Equal(c.Expected("report_4").GetString(), report.ToText(digits: 4));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneVersusRestRocAuc(string name)
    {
        var c = MetricFixtures.Case(name);
        foreach (var (average, key) in new[] { (Average.Macro, "roc_auc_ovr_macro"), (Average.Weighted, "roc_auc_ovr_weighted"), (Average.Micro, "roc_auc_micro") })
        {
            if (c.NumberOrNull(key) is double expected) MetricFixtures.Near(expected, RocAuc.Score(c.LabelsTrue, c.Scores, average), key);
            else Assert.Throws<ArgumentException>(() => RocAuc.Score(c.LabelsTrue, c.Scores, average));
        }
    }
}
