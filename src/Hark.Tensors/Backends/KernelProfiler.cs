using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Hark.Tensors.Backends;

/// <summary>
/// Wall time per backend kernel, for finding where a training step goes. With <see cref="Variable"/>=1 the registry hands
/// out the CPU backend behind this proxy, which times every call (a unary or binary kernel under its operator's name, a
/// batch norm under whether it fuses an activation); otherwise nothing here runs. Kernels are called one at a time from the
/// thread running the model (each spreads over the cores itself), so their times add up to the step's kernel time.
/// The table of the calls not yet <see cref="Reset"/> goes to stderr when the process exits (e.g. after <c>hark train</c>).
/// </summary>
public class KernelProfiler : DispatchProxy
{
    /// <summary>Set to 1 to time every CPU kernel call (<see cref="Report"/> lists them).</summary>
    public const string Variable = "HARK_PROFILE_KERNELS";

    private static readonly ConcurrentDictionary<string, (long Calls, long Ticks)> totals = new();
    private static int reportsAtExit;
    private IBackend target = null!;

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) == "1";

    internal static IBackend Wrap(IBackend backend)
    {
        var proxy = Create<IBackend, KernelProfiler>();
        ((KernelProfiler)(object)proxy).target = backend;
        if (Interlocked.Exchange(ref reportsAtExit, 1) == 0)
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                if (!totals.IsEmpty) Console.Error.WriteLine($"hark: kernel times ({Variable}=1)\n{Report()}");
            };
        return proxy;
    }

    /// <summary>Forgets every call timed so far (e.g. the warm-up steps').</summary>
    public static void Reset() => totals.Clear();

    /// <summary>One line per kernel, the most expensive first: total milliseconds, share of all kernel time, calls.</summary>
    public static string Report()
    {
        var rows = totals.OrderByDescending(kv => kv.Value.Ticks).ToList();
        double all = rows.Sum(kv => (double)kv.Value.Ticks);
        var text = new StringBuilder();
        foreach (var (name, (calls, ticks)) in rows)
            text.AppendLine($"{name,-40} {ticks * 1000.0 / Stopwatch.Frequency,10:F1} ms {100 * ticks / all,6:F1} % {calls,8} calls");
        text.Append($"{"all kernels",-40} {all * 1000.0 / Stopwatch.Frequency,10:F1} ms");
        return text.ToString();
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return method!.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            long ticks = Stopwatch.GetTimestamp() - start;
            totals.AddOrUpdate(Name(method!, args), (1, ticks), (_, t) => (t.Calls + 1, t.Ticks + ticks));
        }
    }

    private static string Name(MethodInfo method, object?[]? args) => args switch
    {
        [UnaryOp op, ..] => $"{method.Name} {op}",
        [BinaryOp op, ..] => $"{method.Name} {op}",
        _ when method.Name.StartsWith("BatchNorm", StringComparison.Ordinal) && args![^1] is float => $"{method.Name} +activation",
        _ => method.Name,
    };
}
