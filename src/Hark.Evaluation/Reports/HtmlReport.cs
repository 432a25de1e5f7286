using System.Globalization;
using System.Net;
using System.Text;
using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Reports;

/// <summary>What report.html shows; every part but the title and history is optional.</summary>
public sealed record ReportContent(
    string Title,
    IReadOnlyList<EpochRecord> History,
    IReadOnlyDictionary<string, double>? TestMetrics = null,
    long[,]? Confusion = null,
    IReadOnlyList<string>? ClassNames = null,
    IReadOnlyList<ReportRow>? PerClass = null,
    IReadOnlyDictionary<string, string>? Facts = null)
{
    /// <summary>The kept epoch (1-based), marked on every curve.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Rows below the per-class table (accuracy, macro and weighted averages).</summary>
    public IReadOnlyList<ReportRow>? Averages { get; init; }

    /// <summary>Test truth (one flag per class) and probabilities, for the ROC and precision-recall curves.</summary>
    public (bool[][] Targets, float[][] Probabilities)? Scores { get; init; }

    /// <summary>The most confident mistakes, most confident first.</summary>
    public IReadOnlyList<ReportMistake>? Mistakes { get; init; }

    /// <summary>A line saying the run is still going (the report is rewritten after every epoch); null when it has finished.</summary>
    public string? Status { get; init; }
}

/// <summary>One run of a comparison page: its name, history, test metrics and kept epoch.</summary>
public sealed record ComparedRun(string Name, IReadOnlyList<EpochRecord> History, IReadOnlyDictionary<string, double> TestMetrics, int? BestEpoch);

/// <summary>
/// Writes a single self-contained HTML page for a run (inline SVG and data URIs, no scripts, no external files): facts,
/// test metrics, curves with the best epoch marked, the confusion matrix (counts or normalised, a CSS-only toggle),
/// per-class scores with averages, ROC and precision-recall curves per class and micro-averaged, the most confident
/// mistakes with an audio player and spectrogram each, and the epoch table. <see cref="RenderComparison"/> puts several
/// runs side by side (`hark report RUN1 RUN2 ...`).
/// </summary>
public static class HtmlReport
{
    // The headline scores get a chart; every metric is in the history table.
    private static readonly string[] chartedMetrics = ["accuracy", "macro_f1", "lwlrap", "map"];

    // Audio larger than this is linked by path instead of embedded, so a report of long recordings stays small.
    private const long MaxEmbeddedAudioBytes = 4 << 20;

    // Curves drawn per class; beyond this only the micro-average is drawn, the per-class areas stay in the table.
    private const int MaxClassCurves = 10;

    public static string Render(ReportContent report)
    {
        var html = new StringBuilder();
        Open(html, report.Title);
        if (report.Status is not null) html.Append("<p class=\"status\">").Append(Encode(report.Status)).Append("</p>");
        if (report.Facts is { Count: > 0 })
        {
            html.Append("<table>");
            foreach (var (k, v) in report.Facts) html.Append("<tr><td>").Append(Encode(k)).Append("</td><td>").Append(Encode(v)).Append("</td></tr>");
            html.Append("</table>");
        }
        if (report.TestMetrics is { Count: > 0 })
        {
            html.Append("<h2>Test metrics</h2><table><tr>");
            foreach (var k in report.TestMetrics.Keys) html.Append("<th>").Append(Encode(k)).Append("</th>");
            html.Append("</tr><tr>");
            foreach (var v in report.TestMetrics.Values) html.Append("<td>").Append(Format(v)).Append("</td>");
            html.Append("</tr></table>");
        }

        html.Append("<h2>Training curves</h2><div class=\"charts\">");
        var history = report.History;
        int? best = report.BestEpoch;
        html.Append(SvgLineChart.Render("loss", [("train", history.Select(h => h.TrainLoss).ToList()), ("validation", history.Select(h => h.ValidationLoss).ToList())], markedEpoch: best));
        var metricNames = history.SelectMany(h => h.ValidationMetrics.Keys).Distinct().ToList();
        var charted = metricNames.Where(m => chartedMetrics.Contains(m)).ToList();
        if (charted.Count > 0)
            html.Append(SvgLineChart.Render("validation metrics", charted.Select(m => (m, (IReadOnlyList<double>)history.Select(h => h.ValidationMetrics.GetValueOrDefault(m, double.NaN)).ToList())).ToList(), markedEpoch: best));
        html.Append(SvgLineChart.Render("learning rate", [("lr", history.Select(h => h.LearningRate).ToList())], markedEpoch: best));
        html.Append("</div>");

        if (report.Confusion is not null && report.ClassNames is not null)
            html.Append("<h2>Confusion matrix (test)</h2><div class=\"toggle\">")
                .Append("<input type=\"radio\" name=\"confusion\" id=\"confusion-counts\" checked><label for=\"confusion-counts\">counts</label>")
                .Append("<input type=\"radio\" name=\"confusion\" id=\"confusion-normalised\"><label for=\"confusion-normalised\">normalised (share of each true class)</label>")
                .Append("<div class=\"counts\">").Append(SvgHeatmap.Render("confusion matrix (counts)", report.Confusion, report.ClassNames)).Append("</div>")
                .Append("<div class=\"normalised\">").Append(SvgHeatmap.Render("confusion matrix (normalised)", report.Confusion, report.ClassNames, normalised: true)).Append("</div></div>");

        if (report.PerClass is { Count: > 0 })
        {
            html.Append("<h2>Per-class report (test)</h2><table><tr><th>class</th><th>precision</th><th>recall</th><th>f1</th><th>support</th></tr>");
            foreach (var row in report.PerClass) AppendRow(html, row, "");
            foreach (var row in report.Averages ?? []) AppendRow(html, row, " class=\"average\"");
            html.Append("</table>");
        }
        if (report.Scores is { } scores && report.ClassNames is not null) AppendRankingCurves(html, scores.Targets, scores.Probabilities, report.ClassNames);
        if (report.Mistakes is { Count: > 0 }) AppendMistakes(html, report.Mistakes);

        AppendHistory(html, history, metricNames, best);
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Several runs on one page: a table of their test metrics and kept epochs, and their curves overlaid.</summary>
    public static string RenderComparison(string title, IReadOnlyList<ComparedRun> runs)
    {
        var html = new StringBuilder();
        Open(html, title);
        var metrics = runs.SelectMany(r => r.TestMetrics.Keys).Distinct().ToList();
        html.Append("<h2>Test metrics</h2><table><tr><th>run</th><th>best epoch</th><th>epochs</th>");
        foreach (var m in metrics) html.Append("<th>").Append(Encode(m)).Append("</th>");
        html.Append("</tr>");
        foreach (var run in runs)
        {
            html.Append("<tr><td>").Append(Encode(run.Name)).Append("</td><td>").Append(run.BestEpoch?.ToString(CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td>").Append(run.History.Count).Append("</td>");
            foreach (var m in metrics) html.Append("<td>").Append(Format(run.TestMetrics.GetValueOrDefault(m, double.NaN))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table><h2>Curves</h2><div class=\"charts\">");
        html.Append(SvgLineChart.Render("train loss", runs.Select(r => (r.Name, (IReadOnlyList<double>)r.History.Select(h => h.TrainLoss).ToList())).ToList()));
        html.Append(SvgLineChart.Render("validation loss", runs.Select(r => (r.Name, (IReadOnlyList<double>)r.History.Select(h => h.ValidationLoss).ToList())).ToList()));
        foreach (var m in runs.SelectMany(r => r.History.SelectMany(h => h.ValidationMetrics.Keys)).Distinct().Where(chartedMetrics.Contains))
            html.Append(SvgLineChart.Render($"validation {m}", runs.Select(r => (r.Name, (IReadOnlyList<double>)r.History.Select(h => h.ValidationMetrics.GetValueOrDefault(m, double.NaN)).ToList())).ToList()));
        html.Append("</div></body></html>");
        return html.ToString();
    }

    private static void Open(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title))
            .Append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}"
                + "tr.average td{font-weight:bold;background:#f4f4f4}tr.best td{background:#e8f0fe}.status{color:#a60;font-weight:bold}"
                + ".toggle label{margin:0 12px 0 4px;font-size:13px}.toggle .normalised{display:none}"
                + "#confusion-normalised:checked~.normalised{display:block}#confusion-normalised:checked~.counts{display:none}"
                + ".mistake{display:flex;gap:12px;align-items:center;margin:6px 0}.mistake img{height:64px;image-rendering:pixelated;border:1px solid #ccc}"
                + "</style></head><body>");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>");
    }

    private static void AppendRow(StringBuilder html, ReportRow row, string attributes) =>
        html.Append("<tr").Append(attributes).Append("><td>").Append(Encode(row.Name)).Append("</td><td>").Append(Format(row.Precision)).Append("</td><td>")
            .Append(Format(row.Recall)).Append("</td><td>").Append(Format(row.F1)).Append("</td><td>").Append(row.Support).Append("</td></tr>");

    private static void AppendRankingCurves(StringBuilder html, bool[][] targets, float[][] probabilities, IReadOnlyList<string> classes)
    {
        if (targets.Length == 0) return;
        var (microTruth, microScores) = RankingCurves.Flatten(targets, probabilities);
        var roc = new List<(string, Curve)>();
        var pr = new List<(string, Curve)>();
        if (RankingCurves.Roc(microTruth, microScores) is { } microRoc) roc.Add(($"micro (AUC {Format(RocAuc.Binary(microTruth, microScores), "0.000")})", microRoc));
        if (RankingCurves.PrecisionRecall(microTruth, microScores) is { } microPr) pr.Add(($"micro (AP {Format(AveragePrecision.Binary(microTruth, microScores), "0.000")})", microPr));
        if (classes.Count <= MaxClassCurves)
            for (int c = 0; c < classes.Count; c++)
            {
                var (truth, scores) = RankingCurves.Column(targets, probabilities, c);
                if (RankingCurves.Roc(truth, scores) is { } curve) roc.Add(($"{classes[c]} ({Format(RocAuc.Binary(truth, scores), "0.00")})", curve));
                if (RankingCurves.PrecisionRecall(truth, scores) is { } precision) pr.Add(($"{classes[c]} ({Format(AveragePrecision.Binary(truth, scores), "0.00")})", precision));
            }
        if (roc.Count == 0 && pr.Count == 0) return;
        html.Append("<h2>ROC and precision-recall curves (test)</h2><div class=\"charts\">");
        if (roc.Count > 0) html.Append(SvgCurveChart.Render("ROC", "false-positive rate", "true-positive rate", roc, firstIsAverage: true));
        if (pr.Count > 0) html.Append(SvgCurveChart.Render("precision-recall", "recall", "precision", pr, firstIsAverage: true));
        html.Append("</div>");
    }

    private static void AppendMistakes(StringBuilder html, IReadOnlyList<ReportMistake> mistakes)
    {
        html.Append("<h2>Most confident mistakes (test)</h2>");
        foreach (var m in mistakes)
        {
            html.Append("<div class=\"mistake\"><span><b>").Append(Encode(m.Id)).Append("</b><br>true ").Append(Encode(m.TrueClass))
                .Append(", predicted ").Append(Encode(m.PredictedClass)).Append(" (").Append(Format(m.Confidence, "0.000")).Append(")</span>");
            if (m.Spectrogram is not null && m.Mels > 0 && m.Frames > 0)
                html.Append("<img alt=\"log-mel spectrogram of ").Append(Encode(m.Id)).Append("\" src=\"").Append(SpectrogramBitmap.DataUri(m.Spectrogram, m.Mels, m.Frames)).Append("\">");
            html.Append(AudioPlayer(m.AudioPath)).Append("</div>");
        }
    }

    private static string AudioPlayer(string? path)
    {
        if (path is null || !File.Exists(path)) return "";
        if (new FileInfo(path).Length > MaxEmbeddedAudioBytes) return $"<span>{Encode(path)}</span>";
        string mime = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".flac" => "audio/flac",
            ".mp3" => "audio/mpeg",
            ".ogg" => "audio/ogg",
            ".aif" or ".aiff" => "audio/aiff",
            _ => "audio/wav",
        };
        return $"<audio controls preload=\"none\" title=\"{Encode(path)}\" src=\"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\"></audio>";
    }

    private static void AppendHistory(StringBuilder html, IReadOnlyList<EpochRecord> history, List<string> metricNames, int? best)
    {
        html.Append("<h2>History</h2><table><tr><th>epoch</th><th>train loss</th><th>val loss</th>");
        foreach (var m in metricNames) html.Append("<th>val ").Append(Encode(m)).Append("</th>");
        html.Append("<th>lr</th><th>seconds</th><th>samples/s</th></tr>");
        foreach (var h in history)
        {
            html.Append(h.Epoch == best ? "<tr class=\"best\" title=\"best epoch\">" : "<tr>")
                .Append("<td>").Append(h.Epoch).Append(h.Epoch == best ? " (best)" : "").Append("</td><td>").Append(Format(h.TrainLoss)).Append("</td><td>").Append(Format(h.ValidationLoss)).Append("</td>");
            foreach (var m in metricNames) html.Append("<td>").Append(Format(h.ValidationMetrics.GetValueOrDefault(m, double.NaN))).Append("</td>");
            html.Append("<td>").Append(h.LearningRate.ToString("G3", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(h.Seconds.ToString("F1", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(h.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
    private static string Format(double v, string format = "F4") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
