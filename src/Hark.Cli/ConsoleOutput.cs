using Spectre.Console;

namespace Hark.Cli;

/// <summary>
/// The one way the `hark` command writes what people read, on one stream (stdout or stderr). On a terminal
/// (<see cref="ConsoleMode.Live"/>) it writes through Spectre.Console: each piece of text in the colour of its
/// <see cref="Tone"/> (no colour with NO_COLOR, same text), and a live line (<see cref="Live"/>) rewritten in place,
/// cropped to the terminal's width so that it never wraps, and erased by the next line. Piped, or with
/// <c>HARK_QUIET=1</c>, it writes the text as it is, byte for byte what <c>Console.WriteLine</c> wrote, and draws no
/// live line. Text is written as styled segments and never parsed as markup, so a file name with [ ] prints as it is.
/// </summary>
public sealed class ConsoleOutput(IAnsiConsole console, bool live, bool colour)
{
    private const int BarWidth = 24;

    private readonly Lock gate = new();
    private int liveLength;

    /// <summary>Whether this stream is a terminal: colour (unless NO_COLOR) and live lines.</summary>
    public bool IsLive => live;

    public static ConsoleOutput Stdout() => For(Console.Out, ConsoleMode.Live);

    public static ConsoleOutput Stderr() => For(Console.Error, ConsoleMode.LiveOnError);

    /// <summary>
    /// Writes to <paramref name="writer"/>: through Spectre.Console with colour when <paramref name="live"/>, as plain
    /// text otherwise. No colour (nor bold) where NO_COLOR says so or where Spectre.Console finds that the terminal has
    /// none (TERM=dumb; it also takes an empty NO_COLOR as set).
    /// </summary>
    public static ConsoleOutput For(TextWriter writer, bool live)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        return new(console, live, live && ConsoleMode.Colour && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors);
    }

    /// <summary>One line made of <paramref name="parts"/>, each in its tone; on a terminal it first erases the live line.</summary>
    public void Line(params (string Text, Tone Tone)[] parts)
    {
        lock (gate)
        {
            if (!live)
            {
                console.Profile.Out.Writer.WriteLine(string.Concat(parts.Select(p => p.Text)));
                return;
            }
            console.WriteAnsi(writer =>
            {
                EraseLive(writer);
                foreach (var (text, tone) in parts) Write(writer, text, tone);
                writer.WriteLine();
            });
        }
    }

    /// <summary>A message of a workflow: "skipped ..." and "warning: ..." are <see cref="Tone.Warning"/>, the rest plain.</summary>
    public void Message(string text) =>
        Line((text, text.StartsWith("skipped ", StringComparison.Ordinal) || text.StartsWith("warning:", StringComparison.Ordinal) ? Tone.Warning : Tone.Plain));

    /// <summary>On a terminal, replaces the live line with <paramref name="parts"/>, cropped to the width; piped, nothing.</summary>
    public void Live(params (string Text, Tone Tone)[] parts)
    {
        if (!live) return;
        lock (gate)
        {
            int room = Math.Max(1, console.Profile.Width - 1), length = 0;
            console.WriteAnsi(writer =>
            {
                writer.Write("\r");
                foreach (var (text, tone) in parts)
                {
                    var shown = text.Length <= room - length ? text : text[..(room - length)];
                    Write(writer, shown, tone);
                    length += shown.Length;
                }
                if (length < liveLength) writer.Write(new string(' ', liveLength - length));
            });
            liveLength = length;
        }
    }

    /// <summary>Erases the live line, if one is shown.</summary>
    public void EndLive()
    {
        if (!live) return;
        lock (gate) console.WriteAnsi(EraseLive);
    }

    /// <summary>"[#####.......]": a progress bar for a live line, <paramref name="fraction"/> of it filled.</summary>
    public static (string Text, Tone Tone)[] Bar(double fraction)
    {
        int filled = (int)Math.Round(BarWidth * Math.Clamp(fraction, 0, 1));
        return [("[", Tone.Plain), (new string('#', filled), Tone.Progress), (new string('.', BarWidth - filled), Tone.Muted), ("]", Tone.Plain)];
    }

    private void EraseLive(AnsiWriter writer)
    {
        if (liveLength == 0) return;
        writer.Write("\r" + new string(' ', liveLength) + "\r");
        liveLength = 0;
    }

    private void Write(AnsiWriter writer, string text, Tone tone)
    {
        if (text.Length == 0) return;
        if (colour && tone != Tone.Plain) writer.Write(text, StyleOf(tone));
        else writer.Write(text);
    }

    private static Style StyleOf(Tone tone) => tone switch
    {
        Tone.Muted => new Style(Color.Grey),
        Tone.Progress => new Style(Color.Green),
        Tone.Best => new Style(Color.Green, decoration: Decoration.Bold),
        Tone.Heading => new Style(Color.Aqua, decoration: Decoration.Bold),
        Tone.Summary => new Style(decoration: Decoration.Bold),
        Tone.Warning => new Style(Color.Yellow),
        Tone.Error => new Style(Color.Red),
        _ => Style.Plain,
    };
}
