using System.Text;

namespace Hark.Tensors.Tests.Testing;

/// <summary>
/// Element-by-element comparison with PyTorch's allclose rule, |actual - expected| &lt;= atol + rtol |expected|,
/// reporting the shape, the number of mismatches and the worst element, so a failure says where to look.
/// NaNs must match NaNs; infinities must match exactly.
/// </summary>
public static class TensorAssert
{
    public const double DefaultAbsolute = 1e-5, DefaultRelative = 1e-4;

    public static void Close(Tensor expected, Tensor actual, double atol = DefaultAbsolute, double rtol = DefaultRelative, string what = "tensor")
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            Assert.Fail($"{what}: expected shape {ShapeException.Format(expected.Shape)}; got {ShapeException.Format(actual.Shape)}");
        Close(expected.ToArray(), actual.ToArray(), atol, rtol, $"{what} {ShapeException.Format(expected.Shape)}");
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol = DefaultAbsolute, double rtol = DefaultRelative, string what = "values")
    {
        var e = new double[expected.Length];
        var a = new double[actual.Length];
        for (int i = 0; i < e.Length; i++) e[i] = expected[i];
        for (int i = 0; i < a.Length; i++) a[i] = actual[i];
        Close(e, a, atol, rtol, what);
    }

    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double atol, double rtol, string what = "values")
    {
        if (expected.Length != actual.Length)
            Assert.Fail($"{what}: expected {expected.Length} elements; got {actual.Length}");
        int bad = 0, worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double x = expected[i], y = actual[i];
            if (double.IsNaN(x) || double.IsNaN(y) || double.IsInfinity(x) || double.IsInfinity(y))
            {
                if (x.Equals(y)) continue;
                bad++;
                if (worst < 0 || double.IsPositiveInfinity(worstExcess)) { worst = i; worstExcess = double.PositiveInfinity; }
                continue;
            }
            double excess = Math.Abs(y - x) - (atol + rtol * Math.Abs(x));
            if (excess <= 0) continue;
            bad++;
            if (worst < 0 || excess > worstExcess) { worst = i; worstExcess = excess; }
        }
        if (bad == 0) return;
        var message = new StringBuilder()
            .Append($"{what}: {bad} of {expected.Length} elements differ beyond atol {atol:g3} + rtol {rtol:g3}; ")
            .Append($"worst at [{worst}]: expected {expected[worst]:R}, got {actual[worst]:R} (|diff| {Math.Abs(actual[worst] - expected[worst]):g3})");
        Assert.Fail(message.ToString());
    }
}
