using System.Diagnostics;
using System.Globalization;
using Hark.Features.Extraction;

namespace Hark.Cli;

/// <summary>
/// Progress of one long step counted in files (features of train, eval, predict, `hark features`). On a terminal: one
/// live line rewritten at most five times a second ("features (train): 120/480  25%  ETA 31 s"), cleared when the step
/// ends. Piped, or with <c>HARK_QUIET=1</c>: a plain line at most every 10 seconds and one when the step ends, so a
/// log shows that a long step is moving without filling up. Commands whose stdout is data (eval, predict) draw it on
/// stderr (<paramref name="toError"/>).
/// </summary>
public sealed class ProgressLine(string label, bool toError = false) : IProgress<ExtractionProgress>
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly bool live = toError ? ConsoleMode.LiveOnError : ConsoleMode.Live;
    private readonly TextWriter output = toError ? Console.Error : Console.Out;
    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastDraw = TimeSpan.Zero;
    private bool drawn, finished;

    public void Report(ExtractionProgress value)
    {
        lock (gate)
        {
            if (finished) return;
            bool done = value.Completed >= value.Total;
            var now = clock.Elapsed;
            if (!done && now - lastDraw < (live ? LiveInterval : PlainInterval)) return;
            lastDraw = now;
            if (done)
            {
                finished = true;
                if (live && drawn) output.Write("\r" + new string(' ', 79) + "\r");
                if (!live && value.Total > 0) output.WriteLine(Invariant($"{label}: {value.Total} files in {now.TotalSeconds:F1} s{Tail(value)}"));
                return;
            }
            double fraction = value.Total > 0 ? (double)value.Completed / value.Total : 0;
            string eta = value.Completed > 0 ? $"  ETA {ConsoleMode.Duration(now.TotalSeconds / fraction - now.TotalSeconds)}" : "";
            string line = Invariant($"{label}: {value.Completed}/{value.Total}  {fraction:P0}{eta}{Tail(value)}");
            if (live)
            {
                output.Write("\r" + line.PadRight(79));
                drawn = true;
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }

    private static string Tail(ExtractionProgress value) =>
        (value.CacheHits > 0 ? Invariant($", {value.CacheHits} from the cache") : "") + (value.Failed > 0 ? Invariant($", {value.Failed} unreadable") : "");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
