using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary>Multi-label metrics against scikit-learn 1.2.1 on the fixture cases (tolerance 1e-9).</summary>
public class MultiLabelMetricsTests
{
    public static TheoryData<string> Cases => MetricFixtures.Multi;

    [Theory]
    [MemberData(nameof(Cases))]
    public void LrapAndLwlrap(string name)
    {
        var c = MetricFixtures.Case(name);
        MetricFixtures.Near(c.Number("lrap"), LabelRankingAveragePrecision.Score(c.TargetsTrue, c.Scores), "lrap");
        MetricFixtures.Near(c.Number("lwlrap"), Lwlrap.Score(c.TargetsTrue, c.Scores), "lwlrap");
        var positives = c.TargetsTrue.Select(r => (double)r.Count(t => t)).ToArray();
        MetricFixtures.Near(c.Number("lwlrap"), LabelRankingAveragePrecision.Score(c.TargetsTrue, c.Scores, positives), "lrap weighted by positives");
        var (perClass, weights) = Lwlrap.PerClass(c.TargetsTrue, c.Scores);
        MetricFixtures.Near(c.Numbers("lwlrap_per_class"), perClass, "per-class lwlrap");
        MetricFixtures.Near(c.Numbers("lwlrap_class_weights"), weights, "lwlrap class weights");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AveragePrecisionAllAverages(string name)
    {
        var c = MetricFixtures.Case(name);
        MetricFixtures.Near(c.Numbers("ap_per_class"), AveragePrecision.PerClass(c.TargetsTrue, c.Scores), "AP per class");
        MetricFixtures.Near(c.Number("ap_macro"), AveragePrecision.Map(c.TargetsTrue, c.Scores), "mAP");
        foreach (var (average, key) in new[] { (Average.Micro, "ap_micro"), (Average.Weighted, "ap_weighted"), (Average.Samples, "ap_samples") })
            MetricFixtures.Near(c.Number(key), AveragePrecision.Score(c.TargetsTrue, c.Scores, average), key);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RocAucAllAveragesAndUndefinedClasses(string name)
    {
        var c = MetricFixtures.Case(name);
        MetricFixtures.Near(c.Numbers("roc_auc_per_class"), RocAuc.PerClass(c.TargetsTrue, c.Scores), "AUC per class");
        foreach (var (average, key) in new[] { (Average.Macro, "roc_auc_macro"), (Average.Micro, "roc_auc_micro"), (Average.Weighted, "roc_auc_weighted"), (Average.Samples, "roc_auc_samples") })
        {
            if (c.NumberOrNull(key) is double expected) MetricFixtures.Near(expected, RocAuc.Score(c.TargetsTrue, c.Scores, average), key);
            else Assert.Throws<ArgumentException>(() => RocAuc.Score(c.TargetsTrue, c.Scores, average));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThresholdedMetrics(string name)
    {
        var c = MetricFixtures.Case(name);
        var predicted = Thresholds.Apply(c.Scores, (float)c.Input("threshold").GetDouble());
        Assert.Equal(c.TargetsPred, predicted);
        MetricFixtures.Near(c.Number("hamming_loss"), HammingLoss.Score(c.TargetsTrue, predicted), "hamming");
        MetricFixtures.Near(c.Number("subset_accuracy"), Accuracy.Subset(c.TargetsTrue, predicted), "subset accuracy");
        foreach (var (average, key) in new[] { (Average.Samples, "samples"), (Average.Macro, "macro"), (Average.Micro, "micro"), (Average.Weighted, "weighted") })
        {
            MetricFixtures.Near(c.Expected("jaccard_zd0").GetProperty(key).GetDouble(), Jaccard.Score(c.TargetsTrue, predicted, average), $"jaccard {key}");
            foreach (var (zd, prf) in new[] { (0.0, "prf_zd0"), (1.0, "prf_zd1") })
            {
                var s = PrecisionRecallFScore.Averaged(c.TargetsTrue, predicted, average, zd);
                MetricFixtures.Near(MetricCase.Numbers(c.Expected(prf).GetProperty(key)), [s.Precision, s.Recall, s.FScore], $"{prf} {key}");
            }
        }
        foreach (var (average, key) in new[] { (Average.Samples, "samples"), (Average.Macro, "macro") })
            MetricFixtures.Near(c.Expected("jaccard_zd1").GetProperty(key).GetDouble(), Jaccard.Score(c.TargetsTrue, predicted, average, zeroDivision: 1), $"jaccard zd1 {key}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClassificationReportTextMatchesSklearn(string name)
    {
        var c = MetricFixtures.Case(name);
        var names = Enumerable.Range(0, c.Classes).Select(k => $"tag_{k}").ToArray();
        var report = ClassificationReport.Build(c.TargetsTrue, c.TargetsPred, names);
        Assert.Equal(c.Expected("report_2").GetString(), report.ToText());
        Assert.Equal(report.Average("samples avg").F1, PrecisionRecallFScore.F1(c.TargetsTrue, c.TargetsPred, Average.Samples));
    }
}
