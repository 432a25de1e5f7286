using System.Diagnostics;
using System.Globalization;
using Hark.Features.Extraction;

namespace Hark.Cli;

/// <summary>
/// Progress of one long step counted in files (features of train, eval, predict, `hark features`, `hark index`). On a
/// terminal: one live line with a bar, rewritten at most five times a second ("features (train) [######..] 120/480
/// 25%  ETA 31 s"), then the step's line of counts in grey. Piped, or with <c>HARK_QUIET=1</c>: a plain line at most
/// every 10 seconds and one when the step ends, so a log shows that a long step is moving without filling up.
/// Commands whose stdout is data (eval, predict, index) draw it on stderr (their <paramref name="output"/>).
/// </summary>
public sealed class ProgressLine(string label, ConsoleOutput output) : IProgress<ExtractionProgress>
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastDraw = TimeSpan.Zero;
    private bool finished;

    public void Report(ExtractionProgress value)
    {
        lock (gate)
        {
            if (finished) return;
            bool done = value.Completed >= value.Total;
            var now = clock.Elapsed;
            if (!done && now - lastDraw < (output.IsLive ? LiveInterval : PlainInterval)) return;
            lastDraw = now;
            if (done)
            {
                finished = true;
                if (value.Total > 0) output.Line((Invariant($"{label}: {value.Total} files in {now.TotalSeconds:F1} s{Tail(value)}"), output.IsLive ? Tone.Muted : Tone.Plain));
                else output.EndLive();
                return;
            }
            double fraction = value.Total > 0 ? (double)value.Completed / value.Total : 0;
            string eta = value.Completed > 0 ? $"  ETA {ConsoleMode.Duration(now.TotalSeconds / fraction - now.TotalSeconds)}" : "";
            string counts = Invariant($"{value.Completed}/{value.Total}  {fraction:P0}{eta}{Tail(value)}");
            if (output.IsLive) output.Live([(label + " ", Tone.Plain), .. ConsoleOutput.Bar(fraction), (" " + counts, Tone.Plain)]);
            else output.Line((Invariant($"{label}: {counts}"), Tone.Plain));
        }
    }

    private static string Tail(ExtractionProgress value) =>
        (value.CacheHits > 0 ? Invariant($", {value.CacheHits} from the cache") : "") + (value.Failed > 0 ? Invariant($", {value.Failed} unreadable") : "");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
