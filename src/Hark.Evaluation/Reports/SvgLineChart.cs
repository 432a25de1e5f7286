using System.Globalization;
using System.Net;
using System.Text;

namespace Hark.Evaluation.Reports;

/// <summary>
/// A self-contained SVG line chart of one or more series over epochs, for report.html; <c>markedEpoch</c> (1-based)
/// draws a dashed vertical line there (the best epoch).
/// </summary>
public static class SvgLineChart
{
    private static readonly string[] palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    public static string Render(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, int width = 480, int height = 280,
        int? markedEpoch = null)
    {
        const int left = 56, right = 16, top = 32, bottom = 40;
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        double lo = finite.Count > 0 ? finite.Min() : 0, hi = finite.Count > 0 ? finite.Max() : 1;
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        int points = Math.Max(1, series.Max(s => s.Values.Count));
        double X(int i) => left + (points == 1 ? 0.5 : i / (double)(points - 1)) * (width - left - right);
        double Y(double v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(title)}</text>"));
        for (int k = 0; k <= 4; k++)
        {
            double v = lo + (hi - lo) * k / 4, y = Y(v);
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\">{v:G3}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{(left + width - right) / 2}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\">epoch (1..{points})</text>"));
        if (markedEpoch is { } marked && marked >= 1 && marked <= points)
        {
            double x = X(marked - 1);
            svg.Append(Invariant($"<line class=\"best-epoch\" x1=\"{x:F1}\" x2=\"{x:F1}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"#555\" stroke-dasharray=\"4 3\"><title>best epoch {marked}</title></line>"));
            svg.Append(Invariant($"<text x=\"{x + 3:F1}\" y=\"{height - bottom - 4}\" font-size=\"10\" fill=\"#555\" font-family=\"sans-serif\">best {marked}</text>"));
        }
        for (int s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var color = palette[s % palette.Length];
            var path = string.Join(" ", values.Select((v, i) => (v, i)).Where(p => double.IsFinite(p.v)).Select(p => Invariant($"{X(p.i):F1},{Y(p.v):F1}")));
            if (path.Length > 0)
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path}\"><title>{WebUtility.HtmlEncode(name)}</title></polyline>"));
            svg.Append(Invariant($"<rect x=\"{left + 8 + 110 * s}\" y=\"{top - 4}\" width=\"10\" height=\"3\" fill=\"{color}\"/>"));
            svg.Append(Invariant($"<text x=\"{left + 22 + 110 * s}\" y=\"{top}\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(name)}</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
