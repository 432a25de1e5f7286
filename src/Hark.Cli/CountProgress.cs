using System.Globalization;
using Hark.Features.Extraction;

namespace Hark.Cli;

/// <summary>
/// Progress of a long job as a count of items done: on a terminal a live "label: n/total done" line rewritten at most five
/// times a second; otherwise (logs, pipes) nothing, so logs keep only the summary that follows.
/// </summary>
public sealed class CountProgress(string label) : IProgress<ExtractionProgress>
{
    private readonly bool live = !Console.IsOutputRedirected;
    private readonly Lock gate = new();
    private DateTime lastDraw = DateTime.MinValue;
    private bool drawn;

    public void Report(ExtractionProgress value)
    {
        if (!live) return;
        lock (gate)
        {
            if ((DateTime.UtcNow - lastDraw).TotalMilliseconds < 200) return;
            lastDraw = DateTime.UtcNow;
            drawn = true;
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label}: {value.Completed}/{value.Total} done   "));
        }
    }

    /// <summary>Clears the live line.</summary>
    public void Finish()
    {
        lock (gate)
            if (drawn) Console.Write("\r" + new string(' ', 60) + "\r");
    }
}
