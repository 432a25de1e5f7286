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
        Assert.Equal(8, CountOf(html, "<title>true ")); // the counts and the normalised matrix
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
        Assert.Equal(5, svgs); // three curve charts, the counts and the normalised confusion matrix
    }

    [Fact]
    public void TheConfusionMatrixHasAxisTitlesAndANormalisedViewBehindAToggle()
    {
        long[,] confusion = { { 3, 1 }, { 2, 6 } };
        var html = HtmlReport.Render(new ReportContent("r", history, null, confusion, ["cat", "dog"]));
        Assert.Equal(2, CountOf(html, ">predicted class</text>"));
        Assert.Equal(2, CountOf(html, ">true class</text>"));
        Assert.Contains("true cat, predicted dog: 1</title>", html);
        Assert.Contains("true cat, predicted dog: 0.25</title>", html);
        Assert.Contains("true dog, predicted dog: 0.75</title>", html);
        Assert.Contains("id=\"confusion-normalised\"", html);
        Assert.Contains("#confusion-normalised:checked~.normalised{display:block}", html);
    }

    [Fact]
    public void TheBestEpochIsMarkedOnEveryCurveAndInTheTable()
    {
        var html = HtmlReport.Render(new ReportContent("r", history) { BestEpoch = 2 });
        Assert.Equal(3, CountOf(html, "<title>best epoch 2</title>"));
        Assert.Contains("<td>2 (best)</td>", html);
        Assert.DoesNotContain("best epoch", HtmlReport.Render(new ReportContent("r", history)).Replace("best epoch 2", ""));
    }

    [Fact]
    public void AveragesFollowThePerClassRows()
    {
        var report = Hark.Evaluation.Metrics.ClassificationReport.Build([0, 0, 1, 1], [0, 1, 1, 1], ["cat", "dog"]);
        var html = HtmlReport.Render(new ReportContent("r", history, PerClass: report.Classes) { Averages = report.Averages });
        Assert.Contains("<tr class=\"average\"><td>macro avg</td>", html);
        Assert.Contains("<tr class=\"average\"><td>weighted avg</td>", html);
        Assert.True(html.IndexOf("<td>dog</td>", StringComparison.Ordinal) < html.IndexOf("<td>macro avg</td>", StringComparison.Ordinal));
    }

    [Fact]
    public void RocAndPrecisionRecallCurvesAreDrawnPerClassAndMicroAveraged()
    {
        bool[][] targets = [[true, false], [false, true], [true, false], [false, true]];
        float[][] probabilities = [[0.9f, 0.1f], [0.4f, 0.6f], [0.3f, 0.7f], [0.2f, 0.8f]];
        var html = HtmlReport.Render(new ReportContent("r", history, ClassNames: ["cat", "dog"]) { Scores = (targets, probabilities) });
        Assert.Contains(">ROC</text>", html);
        Assert.Contains(">precision-recall</text>", html);
        Assert.Contains(">false-positive rate</text>", html);
        // micro: 8 pairs, the positives score 0.9, 0.6, 0.3, 0.8 against 0.1, 0.4, 0.7, 0.2: 13 of 16 pairs ordered
        Assert.Contains("micro (AUC 0.813)", html);
        Assert.Contains("<title>cat (", html);
        Assert.Contains("<title>dog (", html);
    }

    [Fact]
    public void MistakesEmbedTheirAudioAndSpectrogram()
    {
        var folder = Directory.CreateTempSubdirectory("hark-report-audio-").FullName;
        var wav = Path.Combine(folder, "clip.wav");
        Hark.Audio.Export.WavWriter.WritePcm16(wav, new float[800], 8000);
        var mistake = new ReportMistake("clip-7", "cat", "dog", 0.93, wav, [.. Enumerable.Range(0, 12).Select(i => (float)i)], 3, 4);
        var html = HtmlReport.Render(new ReportContent("r", history) { Mistakes = [mistake, mistake with { Id = "gone", AudioPath = Path.Combine(folder, "missing.wav"), Spectrogram = null }] });
        Assert.Contains("true cat, predicted dog (0.930)", html);
        Assert.Contains($"src=\"data:audio/wav;base64,{Convert.ToBase64String(File.ReadAllBytes(wav))}\"", html);
        Assert.Single(AllIndexes(html, "<audio "));
        Assert.Single(AllIndexes(html, "src=\"data:image/bmp;base64,"));
    }

    [Fact]
    public void TheSpectrogramBitmapIsABottomUpBmpOfTheGivenSize()
    {
        var uri = SpectrogramBitmap.DataUri([0f, 1f, 2f, 3f, 4f, 5f], mels: 2, frames: 3);
        var bmp = Convert.FromBase64String(uri["data:image/bmp;base64,".Length..]);
        Assert.Equal("BM"u8.ToArray(), bmp[..2]);
        Assert.Equal(3, BitConverter.ToInt32(bmp, 18));
        Assert.Equal(2, BitConverter.ToInt32(bmp, 22));
        Assert.Equal(54 + 2 * 12, bmp.Length); // 3 pixels of 3 bytes padded to 12 per row
        Assert.Equal((4, 0, 0), (bmp[54], bmp[55], bmp[56])); // mel 0 frame 0 is the minimum: magma's first stop, stored B,G,R
        Assert.Equal((191, 253, 252), (bmp[54 + 12 + 6], bmp[54 + 12 + 7], bmp[54 + 12 + 8])); // the maximum, the last stop
        Assert.Throws<ArgumentException>(() => SpectrogramBitmap.DataUri([1f], mels: 2, frames: 3));
    }

    [Fact]
    public void AComparisonPutsEachRunsMetricsInARowAndOverlaysTheirCurves()
    {
        var runs = new[]
        {
            new ComparedRun("short", history, new Dictionary<string, double> { ["accuracy"] = 0.75 }, 3),
            new ComparedRun("long", history, new Dictionary<string, double> { ["accuracy"] = 0.8125, ["macro_f1"] = 0.5 }, 2),
        };
        var html = HtmlReport.RenderComparison("cmp", runs);
        Assert.Contains("<tr><td>short</td><td>3</td><td>3</td><td>0.7500</td><td>–</td></tr>", html);
        Assert.Contains("<tr><td>long</td><td>2</td><td>3</td><td>0.8125</td><td>0.5000</td></tr>", html);
        Assert.Equal(6, CountOf(html, "<polyline")); // train loss, validation loss and validation accuracy of both runs
    }

    [Fact]
    public void HeatmapRefusesAMatrixThatDoesNotMatchTheClasses()
    {
        Assert.Throws<ArgumentException>(() => SvgHeatmap.Render("x", new long[2, 2], ["a", "b", "c"]));
    }

    private static List<int> AllIndexes(string text, string part)
    {
        var found = new List<int>();
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) found.Add(i);
        return found;
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
