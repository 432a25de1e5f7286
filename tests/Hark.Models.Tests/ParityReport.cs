using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

/// <summary>
/// Compares a model output with PyTorch's under |actual - expected| &lt;= atol + rtol |expected| and records the
/// largest absolute difference, so a test can print the measured parity as well as fail on it.
/// </summary>
public sealed class ParityReport(ITestOutputHelper output, string model)
{
    public void Close(Tensor expected, Tensor actual, string what, double atol = 1e-4, double rtol = 1e-4)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{model} {what}: expected shape {ShapeException.Format(expected.Shape)}, got {ShapeException.Format(actual.Shape)}");
        var e = expected.ToArray();
        var a = actual.ToArray();
        double worst = 0;
        int worstAt = 0, bad = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double diff = Math.Abs((double)a[i] - e[i]);
            if (!(diff <= atol + rtol * Math.Abs(e[i]))) bad++;
            if (!(diff <= worst)) { worst = diff; worstAt = i; }
        }
        double largest = e.Length == 0 ? 0 : e.Max(v => Math.Abs((double)v));
        output.WriteLine($"{model} {what} {ShapeException.Format(expected.Shape)}: max |diff| {worst:g3}, max |expected| {largest:g3} (atol {atol:g2}, rtol {rtol:g2})");
        Assert.True(bad == 0, $"{model} {what}: {bad} of {e.Length} elements differ beyond atol {atol:g2} + rtol {rtol:g2}; worst at [{worstAt}]: expected {e[worstAt]:R}, got {a[worstAt]:R}");
    }
}
