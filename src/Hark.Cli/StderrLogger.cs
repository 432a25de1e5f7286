using Microsoft.Extensions.Logging;

namespace Hark.Cli;

/// <summary>
/// The <c>hark</c> command's logger: each message on its own stderr line, so stdout stays clean for data (warnings in
/// yellow and errors in red on a terminal). Information and above, or warnings and above with <c>HARK_QUIET=1</c>.
/// </summary>
internal sealed class StderrLogger(LogLevel minimum) : ILogger, ILoggerFactory
{
    public static StderrLogger FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("HARK_QUIET") == "1" ? LogLevel.Warning : LogLevel.Information);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            ConsoleOutput.Stderr().Line((formatter(state, exception), logLevel >= LogLevel.Error ? Tone.Error : logLevel == LogLevel.Warning ? Tone.Warning : Tone.Plain));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("the hark command logs to stderr only");

    public void Dispose() { }
}
