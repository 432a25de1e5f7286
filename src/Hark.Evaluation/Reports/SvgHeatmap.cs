using System.Globalization;
using System.Net;
using System.Text;

namespace Hark.Evaluation.Reports;

/// <summary>A confusion matrix as an SVG heatmap: rows are true classes, columns predictions, shaded by row-normalised share.</summary>
public static class SvgHeatmap
{
    public static string Render(string title, long[,] counts, IReadOnlyList<string> classNames)
    {
        int n = classNames.Count;
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
            throw new ArgumentException($"confusion matrix is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {n} class names");
        int cell = Math.Clamp(480 / Math.Max(n, 1), 14, 48), label = 90, top = 40;
        int size = label + n * cell + 10;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{top + n * cell + 24}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{size / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(title)}</text>"));
        for (int r = 0; r < n; r++)
        {
            double rowTotal = 0;
            for (int c = 0; c < n; c++) rowTotal += counts[r, c];
            svg.Append(Invariant($"<text x=\"{label - 4}\" y=\"{top + r * cell + cell / 2 + 4}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(classNames[r])}</text>"));
            for (int c = 0; c < n; c++)
            {
                double share = rowTotal > 0 ? counts[r, c] / rowTotal : 0;
                int shade = (int)Math.Round(255 * (1 - share));
                var fill = Invariant($"rgb({shade},{shade},255)");
                var ink = share > 0.5 ? "#fff" : "#000";
                int x = label + c * cell, y = top + r * cell;
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\"><title>true {WebUtility.HtmlEncode(classNames[r])}, predicted {WebUtility.HtmlEncode(classNames[c])}: {counts[r, c]}</title></rect>"));
                if (cell >= 20)
                    svg.Append(Invariant($"<text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 4}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{ink}\" font-family=\"sans-serif\">{counts[r, c]}</text>"));
            }
        }
        for (int c = 0; c < n; c++)
            svg.Append(Invariant($"<text x=\"{label + c * cell + cell / 2}\" y=\"{top + n * cell + 14}\" text-anchor=\"middle\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(classNames[c])}</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
