using System.Globalization;
using System.Net;
using System.Text;
using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Reports;

/// <summary>A self-contained SVG chart of curves on the unit square (ROC, precision-recall), with titled axes and a legend.</summary>
public static class SvgCurveChart
{
    private static readonly string[] palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary><paramref name="curves"/>: name and points; the first series is drawn black and thick when <paramref name="firstIsAverage"/>.</summary>
    public static string Render(string title, string xTitle, string yTitle, IReadOnlyList<(string Name, Curve Points)> curves, bool firstIsAverage, int width = 420, int height = 380)
    {
        const int left = 52, right = 130, top = 30, bottom = 44;
        double plotWidth = width - left - right, plotHeight = height - top - bottom;
        double X(double v) => left + v * plotWidth;
        double Y(double v) => top + (1 - v) * plotHeight;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{left + plotWidth / 2:F0}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(title)}</text>"));
        for (int k = 0; k <= 4; k++)
        {
            double v = k / 4.0;
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{X(1):F1}\" y1=\"{Y(v):F1}\" y2=\"{Y(v):F1}\" stroke=\"#ddd\"/><line x1=\"{X(v):F1}\" x2=\"{X(v):F1}\" y1=\"{top}\" y2=\"{Y(0):F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\">{v:0.##}</text>"));
            svg.Append(Invariant($"<text x=\"{X(v):F1}\" y=\"{Y(0) + 14:F1}\" text-anchor=\"middle\" font-size=\"10\" font-family=\"sans-serif\">{v:0.##}</text>"));
        }
        svg.Append(Invariant($"<text x=\"{left + plotWidth / 2:F0}\" y=\"{height - 8}\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(xTitle)}</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14,{top + plotHeight / 2:F0}) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(yTitle)}</text>"));
        for (int s = 0; s < curves.Count; s++)
        {
            var (name, points) = curves[s];
            bool average = firstIsAverage && s == 0;
            var color = average ? "#000" : palette[(s - (firstIsAverage ? 1 : 0)) % palette.Length];
            var path = string.Join(" ", points.X.Select((x, i) => Invariant($"{X(x):F1},{Y(points.Y[i]):F1}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{(average ? 2.5 : 1.3)}\" points=\"{path}\"><title>{WebUtility.HtmlEncode(name)}</title></polyline>"));
            if (s < 16)
            {
                svg.Append(Invariant($"<rect x=\"{X(1) + 10:F0}\" y=\"{top + 4 + 14 * s}\" width=\"10\" height=\"3\" fill=\"{color}\"/>"));
                svg.Append(Invariant($"<text x=\"{X(1) + 24:F0}\" y=\"{top + 8 + 14 * s}\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(name)}</text>"));
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
