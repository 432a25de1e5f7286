using System.Runtime.CompilerServices;

namespace Hark.Cli.Tests;

/// <summary>
/// Runs `hark` in process with its output captured. Calls are serialised (the console is process-wide), and the
/// per-user feature cache points at a fresh temporary folder for this test process, so tests neither read stale entries
/// from nor write into the developer's ~/.cache/hark.
/// </summary>
internal static class Cli
{
    private static readonly Lock gate = new();

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;
    }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "test process setup: isolate the per-user cache before any test runs")]
    internal static void IsolateUserCache() =>
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Directory.CreateTempSubdirectory("hark-cli-xdg-").FullName);

    public static Result Run(params string[] args) => Capture(() => CommandLine.Run(args));

    /// <summary>Runs <paramref name="action"/> with the console captured; its return value is the exit code.</summary>
    public static Result Capture(Func<int> action)
    {
        lock (gate)
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var (oldOut, oldError) = (Console.Out, Console.Error);
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = action();
                return new Result(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }

    /// <summary>Asserts a failure the user can fix: exit 2, no stack trace or exception type, one paragraph naming each of <paramref name="mentions"/>.</summary>
    public static string AssertUserError(Result result, params string[] mentions)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}, expected 2: {result.All}");
        AssertNoTrace(result);
        var message = result.Error.Split('\n').Last(line => line.StartsWith("hark", StringComparison.Ordinal));
        foreach (var mention in mentions) Assert.Contains(mention, message);
        return message;
    }

    public static void AssertNoTrace(Result result)
    {
        foreach (var marker in new[] { "   at ", "Exception", "System.", "Hark.Training", "YamlDotNet" })
            Assert.False(result.All.Contains(marker, StringComparison.Ordinal), $"'{marker}' in the output: {result.All}");
        Assert.False(result.Error.Replace("\r", "").Contains("\n\n", StringComparison.Ordinal), $"more than one paragraph: {result.Error}");
    }
}
