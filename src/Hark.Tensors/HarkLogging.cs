using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hark.Tensors;

/// <summary>
/// Where Hark's libraries log (the backend and FFT they chose, and similar one-off facts). A library stays silent
/// unless its host asks: the default factory discards everything. Assign the host's <see cref="ILoggerFactory"/> to see
/// them; the <c>hark</c> command points it at stderr.
/// </summary>
public static class HarkLogging
{
    private static ILoggerFactory factory = NullLoggerFactory.Instance;

    public static ILoggerFactory LoggerFactory
    {
        get => factory;
        set => factory = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A logger for the category <paramref name="category"/>, from the factory assigned at the time of the call.</summary>
    public static ILogger For(string category) => factory.CreateLogger(category);
}
