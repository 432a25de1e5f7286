using System.Xml.Linq;
using Hark.Evaluation.Reports;

namespace Hark.Evaluation.Tests.Reports;

public class HtmlReportTests
{
    private static readonly EpochRecord[] history =
    [
        new(1, 2.0, 1.8, new Dictionary<string, double> { ["accuracy"] = 0.4 }, 1e-3, 1.5, 200),
        new(2, 1.2, 1.1, new Dictionary<string, double> { ["accuracy"] = 0.7 }, 2e-3, 1.4, 210),
        new(3, 0.7, 0.9, new Dictionary<string, double> { ["accuracy"] = 0.8 }, 5e-4, 1.4, 215),
    ];

    [Fact]
    public void ReportIsOneSelfContainedPageWithCurvesAndAConfusionHeatmap()
    {
        long[,] confusion = { { 5, 1 }, { 2, 7 } };
        var html = HtmlReport.Render(new ReportContent("run <x>", history, new Dictionary<string, double> { ["accuracy"] = 0.8 }, confusion, ["cat", "dog"]));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("run &lt;x&gt;", html);
        Assert.Equal(4, CountOf(html, "<polyline")); // train and validation loss, accuracy, learning rate
        Assert.Equal(4, CountOf(html, "<title>true "));
        Assert.Contains("true dog, predicted cat: 2", html);
    }

    [Fact]
    public void EverySvgIsWellFormedXml()
    {
        var html = HtmlReport.Render(new ReportContent("r", history, null, new long[,] { { 1 } }, ["only"]));
        int start = 0, svgs = 0;
        while ((start = html.IndexOf("<svg", start, StringComparison.Ordinal)) >= 0)
        {
            int end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            XElement.Parse(html[start..end]);
            svgs++;
            start = end;
        }
        Assert.Equal(4, svgs);
    }

    [Fact]
    public void HeatmapRefusesAMatrixThatDoesNotMatchTheClasses()
    {
        Assert.Throws<ArgumentException>(() => SvgHeatmap.Render("x", new long[2, 2], ["a", "b", "c"]));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
