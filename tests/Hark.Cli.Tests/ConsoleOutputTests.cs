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
    private const string EpochLine = "epoch 3/10  train_loss 0.5000  val_loss 0.2500  accuracy 0.8750  lr 0.001  120 samples/s  2.5s  *best  run ETA 18 s";
    private const string Warning = "skipped clips/b.wav: not a RIFF file";
    private const string Failure = "recipe.lr must be positive, got -1";

    private static TestConsole Terminal(int width = 200) => new TestConsole().EmitAnsiSequences().Colors(ColorSystem.TrueColor).Width(width);

    [Fact]
    public void OnATerminalTheBestEpochTheWarningAndTheErrorAreEachInTheirOwnColour()
    {
        var console = Terminal();
        WriteAnEpochAWarningAndAFailure(new ConsoleOutput(console, live: true, colour: true));
        var best = ColourBefore(console.Output, "  *best");
        var warning = ColourBefore(console.Output, Warning);
        var error = ColourBefore(console.Output, Failure);
        Assert.Equal(3, new[] { best, warning, error }.Distinct().Count());
        Assert.Equal([EpochLine, Warning, Failure, ""], Shown(Plain(console.Output)));
    }

    [Fact]
    public void PipedTheSameLinesCarryNoEscapeCodesAndNoLiveLine()
    {
        var console = Terminal();
        WriteAnEpochAWarningAndAFailure(new ConsoleOutput(console, live: false, colour: true));
        Assert.Equal(string.Join(Environment.NewLine, EpochLine, Warning, Failure, ""), console.Output);
    }

    [Fact]
    public void NoColorKeepsTheTerminalLayoutButDropsTheColours()
    {
        var coloured = Terminal();
        var plain = Terminal();
        WriteAnEpochAWarningAndAFailure(new ConsoleOutput(coloured, live: true, colour: true));
        WriteAnEpochAWarningAndAFailure(new ConsoleOutput(plain, live: true, colour: ConsoleMode.ColourAllowed("1")));
        Assert.Matches(Sgr(), coloured.Output);
        Assert.DoesNotMatch(Sgr(), plain.Output);
        Assert.Equal(Plain(coloured.Output), plain.Output);
        Assert.Contains("[######..................] 1/4", plain.Output);
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

    /// <summary>Epoch 3 of 10 (drawn live first, where live), the best so far; a skipped file; a failure the user can fix.</summary>
    private static void WriteAnEpochAWarningAndAFailure(ConsoleOutput output)
    {
        var progress = new ConsoleProgress(output);
        progress.EpochStarted(3, 10, 4);
        progress.BatchFinished(3, 1, 4, 0.7, 100);
        progress.EpochFinished(Best, isBest: true, epochs: 10);
        output.Message(Warning);
        Assert.Equal(CommandFailure.UsageOrData, CommandFailure.Report("train", new UsageException(Failure), verbose: false, output));
    }

    /// <summary>The lines a terminal shows: of each, what follows its last carriage return.</summary>
    private static string[] Shown(string text) => [.. text.Split('\n').Select(line => line.TrimEnd('\r').Split('\r')[^1])];

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
