using System.Globalization;
using System.Net;
using System.Text;

namespace Hark.Evaluation.Reports;

/// <summary>
/// A confusion matrix as an SVG heatmap: rows are true classes, columns predicted ones (each axis titled), shaded by
/// row-normalised share. Each cell shows its count, or with <c>normalised</c> its share of the true class's examples.
/// </summary>
public static class SvgHeatmap
{
    public static string Render(string title, long[,] counts, IReadOnlyList<string> classNames, bool normalised = false)
    {
        int n = classNames.Count;
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
            throw new ArgumentException($"confusion matrix is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {n} class names");
        int cell = Math.Clamp(480 / Math.Max(n, 1), 14, 48), axis = 20, label = 90, top = 40;
        int left = axis + label, size = left + n * cell + 10, height = top + n * cell + 44;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{size / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(title)}</text>"));
        svg.Append(Invariant($"<text x=\"{left + n * cell / 2}\" y=\"{height - 6}\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\">predicted class</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14,{top + n * cell / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\">true class</text>"));
        for (int r = 0; r < n; r++)
        {
            double rowTotal = 0;
            for (int c = 0; c < n; c++) rowTotal += counts[r, c];
            svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{top + r * cell + cell / 2 + 4}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(classNames[r])}</text>"));
            for (int c = 0; c < n; c++)
            {
                double share = rowTotal > 0 ? counts[r, c] / rowTotal : 0;
                int shade = (int)Math.Round(255 * (1 - share));
                var fill = Invariant($"rgb({shade},{shade},255)");
                var ink = share > 0.5 ? "#fff" : "#000";
                var shown = normalised ? share.ToString("0.00", CultureInfo.InvariantCulture) : counts[r, c].ToString(CultureInfo.InvariantCulture);
                int x = left + c * cell, y = top + r * cell;
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\"><title>true {WebUtility.HtmlEncode(classNames[r])}, predicted {WebUtility.HtmlEncode(classNames[c])}: {shown}</title></rect>"));
                if (cell >= 20)
                    svg.Append(Invariant($"<text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 4}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{ink}\" font-family=\"sans-serif\">{shown}</text>"));
            }
        }
        for (int c = 0; c < n; c++)
            svg.Append(Invariant($"<text x=\"{left + c * cell + cell / 2}\" y=\"{top + n * cell + 14}\" text-anchor=\"middle\" font-size=\"10\" font-family=\"sans-serif\">{WebUtility.HtmlEncode(classNames[c])}</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
