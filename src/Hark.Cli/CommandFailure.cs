using System.Reflection;
using Hark.Audio;
using Hark.Data;

namespace Hark.Cli;

/// <summary>
/// How a failed command ends: one paragraph on stderr (red on a terminal) and an exit code. Problems the user can fix (the command line, a
/// setting, the data, a file) exit with 2 and their own message; anything else is a bug in Hark and exits with 1, its
/// message marked as internal. The stack trace is printed only with <c>--verbose</c>.
/// </summary>
public static class CommandFailure
{
    public const int UsageOrData = 2;
    public const int Internal = 1;

    public static int Report(string command, Exception exception, bool verbose, ConsoleOutput error)
    {
        var e = Unwrap(exception);
        bool user = IsUserError(e);
        string prefix = e is UsageException ? "" : $"hark {command}: ";
        string message = user
            ? e.Message
            : $"internal error ({e.GetType().Name}): {e.Message}. This is a bug in Hark, not in your data or settings; "
              + "run the same command with --verbose for the stack trace and report it.";
        error.Line((prefix + OneParagraph(message), Tone.Error));
        if (verbose) error.Line((exception.ToString(), Tone.Plain));
        return user ? UsageOrData : Internal;
    }

    /// <summary>Whether the user can fix what <paramref name="e"/> reports (after <see cref="Unwrap"/>).</summary>
    public static bool IsUserError(Exception e) => e is UsageException or ConfigException or DataProblemsException or AudioDecodeException
        or FileNotFoundException or DirectoryNotFoundException or FormatException or InvalidDataException
        or UnauthorizedAccessException or PathTooLongException or IOException;

    /// <summary>The exception that says what went wrong: parallel loops and reflection wrap it.</summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: >= 1 } aggregate:
                    e = aggregate.InnerExceptions.FirstOrDefault(IsUserError) ?? aggregate.InnerExceptions[0];
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                default:
                    return e;
            }
        }
    }

    // Blank lines would split the message into several paragraphs; list lines (a data source's problems) are kept.
    private static string OneParagraph(string message) =>
        string.Join('\n', message.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0));
}
