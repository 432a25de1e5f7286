using Microsoft.Extensions.Logging;

namespace Hark.Cli;

/// <summary>
/// The <c>hark</c> command's logger: each message on its own stderr line, so stdout stays clean for data. Information
/// and above, or warnings and above with <c>HARK_QUIET=1</c>.
/// </summary>
internal sealed class StderrLogger(LogLevel minimum) : ILogger, ILoggerFactory
{
    public static StderrLogger FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("HARK_QUIET") == "1" ? LogLevel.Warning : LogLevel.Information);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Console.Error.WriteLine(formatter(state, exception));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("the hark command logs to stderr only");

    public void Dispose() { }
}
