using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Hark.Training.Probe;

/// <summary>
/// L2-regularised logistic regression fitted by MathNet's L-BFGS, with scikit-learn's objective so the two agree:
/// C x (summed log-loss) + 0.5 |W|^2, the intercept unpenalised (LogisticRegression(C, solver='lbfgs')).
/// Single-label: one multinomial softmax over the classes. Multi-label: one-vs-rest, an independent sigmoid per class
/// (the classes' objectives are separate, so one L-BFGS over their sum finds every class's own optimum).
/// </summary>
public sealed class LogisticRegression
{
    private LogisticRegression(double[,] weight, double[] bias, int iterations)
    {
        Weight = weight;
        Bias = bias;
        Iterations = iterations;
    }

    /// <summary>[classes, features], as a Linear layer's weight.</summary>
    public double[,] Weight { get; }

    public double[] Bias { get; }

    public int Iterations { get; }

    /// <summary>
    /// Fits x [examples, features] to <paramref name="targets"/> [examples, classes]: one-hot rows for softmax
    /// (<paramref name="multiLabel"/> false), 0/1 per class for one-vs-rest.
    /// </summary>
    public static LogisticRegression Fit(Matrix<double> x, Matrix<double> targets, bool multiLabel, double c, int maxIterations)
    {
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "LogisticRegression: C must be positive");
        int features = x.ColumnCount, classes = targets.ColumnCount;
        var design = x.Append(Matrix<double>.Build.Dense(x.RowCount, 1, 1.0)); // the last column carries the intercept
        Func<Vector<double>, (double, Vector<double>)> lossAndGradient = parameters => LossAndGradient(parameters, design, targets, multiLabel, c);
        var objective = ObjectiveFunction.Gradient(lossAndGradient);
        var minimizer = new LimitedMemoryBfgsMinimizer(1e-5, 1e-10, 1e-12, 10, maxIterations);
        var start = Vector<double>.Build.Dense((features + 1) * classes);
        var result = minimizer.FindMinimum(objective, start);
        var coefficients = Unpack(result.MinimizingPoint, features + 1, classes);
        var weight = new double[classes, features];
        var bias = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            for (int f = 0; f < features; f++) weight[k, f] = coefficients[f, k];
            bias[k] = coefficients[features, k];
        }
        return new LogisticRegression(weight, bias, result.Iterations);
    }

    // parameters: a [features + 1, classes] matrix by columns; returns the objective and its gradient
    private static (double, Vector<double>) LossAndGradient(Vector<double> parameters, Matrix<double> design, Matrix<double> targets, bool multiLabel, double c)
    {
        int rows = design.ColumnCount, classes = targets.ColumnCount;
        var coefficients = Unpack(parameters, rows, classes);
        var logits = design * coefficients;
        var residual = Matrix<double>.Build.Dense(logits.RowCount, classes);
        double loss = 0;
        for (int i = 0; i < logits.RowCount; i++)
        {
            if (multiLabel)
            {
                for (int k = 0; k < classes; k++)
                {
                    double z = logits[i, k], y = targets[i, k];
                    // log(1 + e^z) - y z, computed without overflow
                    loss += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - y * z;
                    residual[i, k] = 1 / (1 + Math.Exp(-z)) - y;
                }
                continue;
            }
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) max = Math.Max(max, logits[i, k]);
            double sum = 0;
            for (int k = 0; k < classes; k++) sum += Math.Exp(logits[i, k] - max);
            double logSum = max + Math.Log(sum);
            for (int k = 0; k < classes; k++)
            {
                loss -= targets[i, k] * (logits[i, k] - logSum);
                residual[i, k] = Math.Exp(logits[i, k] - logSum) - targets[i, k];
            }
        }
        var gradient = design.TransposeThisAndMultiply(residual) * c;
        double penalty = 0;
        for (int f = 0; f < rows - 1; f++)
            for (int k = 0; k < classes; k++)
            {
                penalty += coefficients[f, k] * coefficients[f, k];
                gradient[f, k] += coefficients[f, k];
            }
        return (c * loss + 0.5 * penalty, Vector<double>.Build.DenseOfArray(gradient.AsColumnMajorArray() ?? gradient.ToColumnMajorArray()));
    }

    private static Matrix<double> Unpack(Vector<double> parameters, int rows, int classes) =>
        Matrix<double>.Build.Dense(rows, classes, parameters.AsArray() ?? parameters.ToArray());
}
