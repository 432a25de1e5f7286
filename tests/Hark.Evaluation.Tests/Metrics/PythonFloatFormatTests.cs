using Hark.Evaluation.Metrics;

namespace Hark.Evaluation.Tests.Metrics;

public class PythonFloatFormatTests
{
    // Expected strings are Python's format(x, f".{digits}f").
    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(0.285, 2, "0.28")]
    [InlineData(1.005, 2, "1.00")]
    [InlineData(2.675, 2, "2.67")]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    [InlineData(0.03125, 4, "0.0312")]
    [InlineData(0.71666666666666667, 4, "0.7167")]
    [InlineData(1.0, 2, "1.00")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(123.456, 1, "123.5")]
    [InlineData(-0.125, 2, "-0.12")]
    public void MatchesPythonIncludingExactHalves(double value, int digits, string expected)
    {
        Assert.Equal(expected, PythonFloatFormat.Fixed(value, digits));
    }
}
