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
    IReadOnlyDictionary<string, string>? Facts = null);

/// <summary>Writes a single self-contained HTML page (inline SVG, no scripts, no external files) for a run.</summary>
public static class HtmlReport
{
    // The headline scores get a chart; every metric is in the history table.
    private static readonly string[] chartedMetrics = ["accuracy", "macro_f1", "lwlrap", "map"];

    public static string Render(ReportContent report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(report.Title))
            .Append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}</style></head><body>");
        html.Append("<h1>").Append(Encode(report.Title)).Append("</h1>");

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
        html.Append(SvgLineChart.Render("loss", [("train", history.Select(h => h.TrainLoss).ToList()), ("validation", history.Select(h => h.ValidationLoss).ToList())]));
        var metricNames = history.SelectMany(h => h.ValidationMetrics.Keys).Distinct().ToList();
        var charted = metricNames.Where(m => chartedMetrics.Contains(m)).ToList();
        if (charted.Count > 0)
            html.Append(SvgLineChart.Render("validation metrics", charted.Select(m => (m, (IReadOnlyList<double>)history.Select(h => h.ValidationMetrics.GetValueOrDefault(m, double.NaN)).ToList())).ToList()));
        html.Append(SvgLineChart.Render("learning rate", [("lr", history.Select(h => h.LearningRate).ToList())]));
        html.Append("</div>");

        if (report.Confusion is not null && report.ClassNames is not null)
            html.Append("<h2>Confusion matrix (test)</h2>").Append(SvgHeatmap.Render("confusion matrix", report.Confusion, report.ClassNames));

        if (report.PerClass is { Count: > 0 })
        {
            html.Append("<h2>Per-class report (test)</h2><table><tr><th>class</th><th>precision</th><th>recall</th><th>f1</th><th>support</th></tr>");
            foreach (var row in report.PerClass)
                html.Append("<tr><td>").Append(Encode(row.Name)).Append("</td><td>").Append(Format(row.Precision)).Append("</td><td>")
                    .Append(Format(row.Recall)).Append("</td><td>").Append(Format(row.F1)).Append("</td><td>").Append(row.Support).Append("</td></tr>");
            html.Append("</table>");
        }

        html.Append("<h2>History</h2><table><tr><th>epoch</th><th>train loss</th><th>val loss</th>");
        foreach (var m in metricNames) html.Append("<th>val ").Append(Encode(m)).Append("</th>");
        html.Append("<th>lr</th><th>seconds</th><th>samples/s</th></tr>");
        foreach (var h in history)
        {
            html.Append("<tr><td>").Append(h.Epoch).Append("</td><td>").Append(Format(h.TrainLoss)).Append("</td><td>").Append(Format(h.ValidationLoss)).Append("</td>");
            foreach (var m in metricNames) html.Append("<td>").Append(Format(h.ValidationMetrics.GetValueOrDefault(m, double.NaN))).Append("</td>");
            html.Append("<td>").Append(h.LearningRate.ToString("G3", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(h.Seconds.ToString("F1", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(h.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
    private static string Format(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "–";
}
