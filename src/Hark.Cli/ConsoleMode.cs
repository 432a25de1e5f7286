using System.Globalization;

namespace Hark.Cli;

/// <summary>
/// How the `hark` command shows progress: live lines in colour on a terminal, plain lines when output is piped or
/// <c>HARK_QUIET=1</c>; no colour when <c>NO_COLOR</c> is set (https://no-color.org).
/// </summary>
public static class ConsoleMode
{
    public static bool Quiet => Environment.GetEnvironmentVariable("HARK_QUIET") == "1";

    public static bool Live => !Console.IsOutputRedirected && !Quiet;

    public static bool LiveOnError => !Console.IsErrorRedirected && !Quiet;

    public static bool Colour => ColourAllowed(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Whether colour may be used, given the value of NO_COLOR: any value but the empty string turns it off.</summary>
    public static bool ColourAllowed(string? noColor) => string.IsNullOrEmpty(noColor);

    /// <summary>Seconds as people read them: 42 s, 3 min 05 s, 1 h 12 min.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0) return "?";
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds:D2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
    }
}
