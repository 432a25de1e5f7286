using System.Diagnostics;
using Hark.Audio.Export;
using Hark.Audio.Images;
using Hark.Evaluation.Metrics;
using Hark.Evaluation.Reports;

namespace Hark.Evaluation.Tests.Reports;

/// <summary>A fact that runs only where headless Chromium is installed (Debian package chromium; .ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public ChromiumFactAttribute()
    {
        if (Executable is null) Skip = "headless Chromium not found (apt-get install chromium); the report's screenshot test needs it";
    }
}

/// <summary>report.html as a browser shows it: every section renders, without console errors, at the size asked for.</summary>
public class ReportScreenshotTests
{
    private const int Width = 1100, Height = 2600;

    [ChromiumFact]
    public void HeadlessChromiumRendersEverySectionWithoutConsoleErrors()
    {
        var folder = Directory.CreateTempSubdirectory("hark-report-").FullName;
        var html = Path.Combine(folder, "report.html");
        File.WriteAllText(html, HtmlReport.Render(FullReport(folder)));
        var (png, log) = Screenshot(html, folder);

        Assert.DoesNotContain(":CONSOLE", log);
        var image = ImageTensor.ReadPng(png, ImageChannels.Rgb);
        Assert.Equal([3, Height, Width], image.Shape.ToArray());
        var pixels = image.ToArray();
        int plane = Height * Width;
        int Count(Func<float, float, float, bool> test)
        {
            int count = 0;
            for (int i = 0; i < plane; i++)
                if (test(pixels[i], pixels[plane + i], pixels[2 * plane + i])) count++;
            return count;
        }
        Assert.True(Count((r, g, b) => r < 0.9f || g < 0.9f || b < 0.9f) > plane / 50, "the screenshot is almost blank");
        // #1f77b4, the first curve's colour (train loss)
        Assert.True(Count((r, g, b) => Near(r, 31) && Near(g, 119) && Near(b, 180)) > 0, "no loss curve in the screenshot");
        // #ff7f0e, the second curve (validation loss)
        Assert.True(Count((r, g, b) => Near(r, 255) && Near(g, 127) && Near(b, 14)) > 0, "no validation curve in the screenshot");
        // the heatmap's diagonal cells of classes b and c, a 2/3 share each: rgb(85, 85, 255)
        Assert.True(Count((r, g, b) => Near(r, 85) && Near(g, 85) && Near(b, 255)) > 0, "no confusion-matrix cells in the screenshot");
        // magma's brightest stop, (252, 253, 191), only in the mistakes' spectrograms
        Assert.True(Count((r, g, b) => Near(r, 252) && Near(g, 253) && Near(b, 191)) > 0, "no spectrogram in the screenshot");
    }

    [ChromiumFact]
    public void TheConsoleCheckSeesAnErrorWhenThereIsOne()
    {
        var folder = Directory.CreateTempSubdirectory("hark-report-").FullName;
        var html = Path.Combine(folder, "broken.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>");
        var (_, log) = Screenshot(html, folder);
        Assert.Contains(":CONSOLE", log);
    }

    private static ReportContent FullReport(string folder)
    {
        string[] classes = ["a", "b", "c"];
        var history = Enumerable.Range(1, 8).Select(e => new EpochRecord(e, 2.0 / e, 2.2 / e,
            new Dictionary<string, double> { ["accuracy"] = 1 - 0.5 / e }, 1e-3 * e, 1, 100)).ToList();
        int[] truth = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0];
        int[] predicted = [0, 0, 1, 1, 1, 2, 2, 2, 0, 0];
        float[][] probabilities = [.. predicted.Select((p, i) => Enumerable.Range(0, 3).Select(c => c == p ? 0.6f + 0.03f * i : (0.4f - 0.03f * i) / 2).ToArray())];
        var report = ClassificationReport.Build(truth, predicted, classes);
        var wav = Path.Combine(folder, "clip.wav");
        WavWriter.WritePcm16(wav, [.. Enumerable.Range(0, 8000).Select(t => 0.2f * MathF.Sin(t * 0.3f))], 8000);
        var spectrogram = Enumerable.Range(0, 16 * 40).Select(i => (float)Math.Sin(i * 0.05)).ToArray();
        return new ReportContent("screenshot", history, new Dictionary<string, double> { ["accuracy"] = 0.7 },
            ConfusionMatrix.Compute(truth, predicted, 3), classes, report.Classes, new Dictionary<string, string> { ["data"] = "test" })
        {
            BestEpoch = 6,
            Averages = report.Averages,
            Scores = ([.. truth.Select(t => Enumerable.Range(0, 3).Select(c => c == t).ToArray())], probabilities),
            Mistakes = [new ReportMistake("clip-3", "a", "b", 0.66, wav, spectrogram, 16, 40)],
        };
    }

    // Chromium's screenshot of the page and what it logged; console messages appear as lines with ":CONSOLE".
    private static (string Png, string Log) Screenshot(string html, string folder)
    {
        var png = Path.Combine(folder, Path.GetFileNameWithoutExtension(html) + ".png");
        var start = new ProcessStartInfo(ChromiumFactAttribute.Executable!)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                $"--user-data-dir={Path.Combine(folder, "profile")}", $"--screenshot={png}", $"--window-size={Width},{Height}", new Uri(html).AbsoluteUri,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "chromium did not finish within a minute");
        Assert.True(File.Exists(png), $"chromium wrote no screenshot: {error.Result}");
        return (png, error.Result + output.Result);
    }

    private static bool Near(float value, int byteValue) => Math.Abs(value * 255 - byteValue) <= 3;
}
