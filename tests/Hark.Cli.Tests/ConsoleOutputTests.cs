using System.Text.RegularExpressions;
using Hark.Evaluation.Reports;
using Hark.Features.Extraction;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Hark.Cli.Tests;

/// <summary>
/// What the `hark` command writes through <see cref="ConsoleOutput"/>, on Spectre.Console's test console: colour on a
/// terminal, the same text with no escape codes when piped, no colour with NO_COLOR, file names with [ ] as they are.
/// </summary>
public partial class ConsoleOutputTests
{
    private static readonly EpochRecord Best = new(3, 0.5, 0.25, new Dictionary<string, double> { ["accuracy"] = 0.875 }, 0.001, 2.5, 120);

    private static TestConsole Terminal(int width = 200) => new TestConsole().EmitAnsiSequences().Colors(ColorSystem.TrueColor).Width(width);

    [Fact]
    public void OnATerminalTheBestEpochTheWarningAndTheErrorAreEachInTheirOwnColour()
    {
        var console = Terminal();
        var output = new ConsoleOutput(console, live: true, colour: true);
        new ConsoleProgress(output).EpochFinished(Best, isBest: true, epochs: 10);
        output.Message("skipped clips/b.wav: not a RIFF file");
        CommandFailure.Report("train", new UsageException("recipe.lr must be positive, got -1"), verbose: false, output);
        var best = ColourBefore(console.Output, "  *best");
        var warning = ColourBefore(console.Output, "skipped clips/b.wav");
        var error = ColourBefore(console.Output, "recipe.lr must be positive");
        Assert.Equal(3, new[] { best, warning, error }.Distinct().Count());
        var lines = Plain(console.Output).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("epoch 3/10  train_loss 0.5000  val_loss 0.2500  accuracy 0.8750  lr 0.001  120 samples/s  2.5s  *best", lines[0]);
        Assert.Equal("skipped clips/b.wav: not a RIFF file", lines[1]);
        Assert.Equal("recipe.lr must be positive, got -1", lines[2]);
    }

    [Fact]
    public void PipedTheSameLinesCarryNoEscapeCodesAndNoLiveLine()
    {
        var console = Terminal();
        var output = new ConsoleOutput(console, live: false, colour: true);
        var progress = new ConsoleProgress(output);
        progress.EpochStarted(3, 10, 4);
        progress.BatchFinished(3, 1, 4, 0.7, 100);
        progress.EpochFinished(Best, isBest: true, epochs: 10);
        output.Message("skipped clips/b.wav: not a RIFF file");
        Assert.Equal(1, CommandFailure.Report("train", new InvalidOperationException("broke"), verbose: false, output));
        Assert.DoesNotContain('\u001b', console.Output);
        Assert.DoesNotContain('\r', console.Output.Replace(Environment.NewLine, "\n"));
        var lines = console.Output.Split(Environment.NewLine);
        Assert.Equal("epoch 3/10  train_loss 0.5000  val_loss 0.2500  accuracy 0.8750  lr 0.001  120 samples/s  2.5s  *best  run ETA 18 s", lines[0]);
        Assert.Equal("skipped clips/b.wav: not a RIFF file", lines[1]);
        Assert.StartsWith("hark train: internal error (InvalidOperationException): broke. This is a bug in Hark", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void NoColorKeepsTheTerminalLayoutButDropsTheColours()
    {
        var coloured = Terminal();
        var plain = Terminal();
        foreach (var (console, colour) in new[] { (coloured, true), (plain, ConsoleMode.ColourAllowed("1")) })
        {
            var output = new ConsoleOutput(console, live: true, colour);
            var progress = new ConsoleProgress(output);
            progress.EpochStarted(3, 10, 4);
            progress.BatchFinished(3, 2, 4, 0.7, 100);
            progress.EpochFinished(Best, isBest: true, epochs: 10);
            output.Message("warning: class 'dog' has no training rows");
        }
        Assert.Matches(Sgr(), coloured.Output);
        Assert.DoesNotMatch(Sgr(), plain.Output);
        Assert.Equal(Plain(coloured.Output), plain.Output);
        Assert.Contains("[############............] 2/4", plain.Output);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("1", false)]
    [InlineData("0", false)]
    public void AnyNonEmptyNoColorTurnsColourOff(string? noColor, bool colour) => Assert.Equal(colour, ConsoleMode.ColourAllowed(noColor));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFileNameWithSquareBracketsIsPrintedAsItIs(bool live)
    {
        var console = Terminal();
        var output = new ConsoleOutput(console, live, colour: true);
        output.Message("skipped clips/[x] take 2 [/].wav: unreadable");
        var line = new ProgressLine("features ([x])", output);
        line.Report(new ExtractionProgress(1, 2, 0, 0));
        line.Report(new ExtractionProgress(2, 2, 0, 1));
        var text = Plain(console.Output);
        Assert.Contains("skipped clips/[x] take 2 [/].wav: unreadable", text);
        Assert.Contains("features ([x]): 2 files in ", text);
    }

    [Fact]
    public void TheLiveLineIsCroppedToTheWidthAndErasedByTheNextLine()
    {
        var console = Terminal(width: 40);
        var output = new ConsoleOutput(console, live: true, colour: true);
        var progress = new ConsoleProgress(output);
        progress.EpochStarted(1, 10, 8);
        progress.BatchFinished(1, 1, 8, 0.7, 100);
        Assert.Equal("\repoch 1/10 [###.....................] 1", Plain(console.Output)); // 39 columns of 40
        output.Line(("done", Tone.Summary));
        var text = Plain(console.Output);
        Assert.EndsWith("\r" + new string(' ', 39) + "\rdone" + Environment.NewLine, text);
    }

    /// <summary>The parameters of the SGR sequence right before <paramref name="text"/>, which must set a foreground colour.</summary>
    private static string ColourBefore(string ansi, string text)
    {
        var match = Regex.Match(ansi, "\u001b\\[([0-9;]*)m" + Regex.Escape(text));
        Assert.True(match.Success, $"no escape sequence right before '{text}' in {ansi}");
        var parameters = match.Groups[1].Value;
        Assert.Matches("(^|;)(3[0-7]|9[0-7]|38;[25];)", parameters);
        return parameters;
    }

    private static string Plain(string ansi) => Escape().Replace(ansi, "");

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();
}
