using System.Diagnostics;
using Hark.Audio.Images;
using Hark.Evaluation.Reports;

namespace Hark.Evaluation.Tests.Reports;

/// <summary>A fact that runs only where headless Chromium is installed (Debian package chromium; .ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public ChromiumFactAttribute()
    {
        if (Executable is null) Skip = "headless Chromium not found (apt-get install chromium)";
    }
}

public class ReportScreenshotTests
{
    [ChromiumFact]
    public void HeadlessChromiumRendersTheCurvesAndTheConfusionMatrix()
    {
        var folder = Directory.CreateTempSubdirectory("hark-report-").FullName;
        var history = Enumerable.Range(1, 8).Select(e => new EpochRecord(e, 2.0 / e, 2.2 / e,
            new Dictionary<string, double> { ["accuracy"] = 1 - 0.5 / e }, 1e-3 * e, 1, 100)).ToList();
        long[,] confusion = { { 9, 1, 0 }, { 0, 8, 2 }, { 1, 0, 9 } };
        var html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, HtmlReport.Render(new ReportContent("screenshot", history, null, confusion, ["a", "b", "c"])));
        var png = Path.Combine(folder, "report.png");

        var start = new ProcessStartInfo(ChromiumFactAttribute.Executable!)
        {
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--screenshot={png}", "--window-size=1100,1400", new Uri(html).AbsoluteUri },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using (var process = Process.Start(start)!)
        {
            process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "chromium did not finish within a minute");
        }
        Assert.True(File.Exists(png), "chromium wrote no screenshot");

        var image = ImageTensor.ReadPng(png, ImageChannels.Rgb);
        var pixels = image.ToArray();
        int plane = image.Size(1) * image.Size(2);
        bool Has(Func<float, float, float, bool> test)
        {
            for (int i = 0; i < plane; i++)
                if (test(pixels[i], pixels[plane + i], pixels[2 * plane + i])) return true;
            return false;
        }
        // #1f77b4, the first curve's colour (train loss)
        Assert.True(Has((r, g, b) => Near(r, 31) && Near(g, 119) && Near(b, 180)), "no loss curve in the screenshot");
        // #ff7f0e, the second curve (validation loss)
        Assert.True(Has((r, g, b) => Near(r, 255) && Near(g, 127) && Near(b, 14)), "no validation curve in the screenshot");
        // the heatmap's dark cells: rgb(x, x, 255) with x small for a 90% diagonal share
        Assert.True(Has((r, g, b) => r < 0.15f && g < 0.15f && b > 0.95f), "no confusion-matrix cells in the screenshot");
    }

    private static bool Near(float value, int byteValue) => Math.Abs(value * 255 - byteValue) <= 3;
}
