using System.Text.Json;
using Hark.Training.Probe;
using MathNet.Numerics.LinearAlgebra;

namespace Hark.Training.Tests.Probe;

/// <summary>The probe's logistic regression against scikit-learn's fitted to convergence on the same data (Fixtures/generate_logistic_fixtures.py).</summary>
public class LogisticRegressionTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Training.Tests", "Probe", "Fixtures", "logistic_regression.json"))).RootElement;

    private static Matrix<double> Rows(JsonElement rows) =>
        Matrix<double>.Build.DenseOfRows(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble())));

    // coefficients within 1e-3 of scikit-learn's: both minimise the same strictly convex objective
    private static void AssertMatches(LogisticRegression fitted, JsonElement expected)
    {
        var weight = Rows(expected.GetProperty("weight"));
        var bias = expected.GetProperty("bias").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int k = 0; k < weight.RowCount; k++)
        {
            for (int f = 0; f < weight.ColumnCount; f++) Assert.Equal(weight[k, f], fitted.Weight[k, f], 1e-3);
            Assert.Equal(bias[k], fitted.Bias[k], 1e-3);
        }
    }

    [Fact]
    public void SoftmaxRegressionMatchesScikitLearnsMultinomialFit()
    {
        var x = Rows(Fixture.GetProperty("x"));
        var expected = Fixture.GetProperty("softmax");
        var labels = expected.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var targets = Matrix<double>.Build.Dense(labels.Length, 3, (i, k) => labels[i] == k ? 1 : 0);
        AssertMatches(LogisticRegression.Fit(x, targets, multiLabel: false, expected.GetProperty("c").GetDouble(), 1000), expected);
    }

    [Fact]
    public void OneVsRestRegressionMatchesOneScikitLearnFitPerClass()
    {
        var x = Rows(Fixture.GetProperty("x"));
        var expected = Fixture.GetProperty("one_vs_rest");
        AssertMatches(LogisticRegression.Fit(x, Rows(expected.GetProperty("targets")), multiLabel: true, expected.GetProperty("c").GetDouble(), 1000), expected);
    }

    [Fact]
    public void ANonPositiveCIsRefused()
    {
        var x = Matrix<double>.Build.Dense(2, 1, 1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegression.Fit(x, Matrix<double>.Build.Dense(2, 2, 0.5), false, 0, 10));
    }
}
