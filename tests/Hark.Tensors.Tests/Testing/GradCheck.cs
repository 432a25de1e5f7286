using Hark.Tensors.Backends;
namespace Hark.Tensors.Tests.Testing;

/// <summary>
/// Finite-difference gradient checks. <see cref="Check"/> works on plain double arrays (run the generic reference kernels
/// in double); <see cref="CheckOp"/> works on float32 tensor ops through autograd with float-sized steps and tolerances.
/// Both contract the output with a random (seeded) upstream gradient g and compare d(g . f(x))/dx.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Compares <paramref name="backward"/> (which must ADD dOutput^T J into its third argument) with central differences
    /// of <paramref name="forward"/> at <paramref name="x"/>.
    /// </summary>
    public static void Check(Func<double[], double[]> forward, Action<double[], double[], double[]> backward, double[] x,
        int seed = 0, double step = 1e-6, double atol = 1e-7, double rtol = 1e-5, string what = "gradient")
    {
        var output = forward(x);
        var generator = new Generator((ulong)seed + 1);
        var dOutput = output.Select(_ => generator.NextGaussian()).ToArray();
        var analytic = new double[x.Length];
        backward(x, dOutput, analytic);
        var numeric = new double[x.Length];
        var probe = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            probe[i] = x[i] + step;
            double plus = Dot(dOutput, forward(probe));
            probe[i] = x[i] - step;
            double minus = Dot(dOutput, forward(probe));
            probe[i] = x[i];
            numeric[i] = (plus - minus) / (2 * step);
        }
        TensorAssert.Close(numeric, analytic, atol, rtol, what);
    }

    /// <summary>
    /// Checks every input of a float32 op through autograd against central differences in float32 (step 1e-2 by
    /// default, so tolerances must be loose, around 1e-2). Inputs get RequiresGrad set.
    /// </summary>
    public static void CheckOp(Func<Tensor[], Tensor> op, Tensor[] inputs, int seed = 0, float step = 1e-2f, double atol = 1e-2, double rtol = 1e-2, string what = "op")
    {
        foreach (var input in inputs) { input.RequiresGrad = true; input.Grad = null; }
        var output = op(inputs);
        var generator = new Generator((ulong)seed + 1);
        var dOutput = new Tensor(new CpuStorage(Enumerable.Range(0, output.Numel).Select(_ => (float)generator.NextGaussian()).ToArray()), output.Shape);
        output.Backward(dOutput);
        var upstream = dOutput.ToArray().Select(v => (double)v).ToArray();
        for (int k = 0; k < inputs.Length; k++)
        {
            var data = inputs[k].Span;
            var numeric = new double[data.Length];
            using (Hark.Tensors.Autograd.Graph.NoGrad())
                for (int i = 0; i < data.Length; i++)
                {
                    float saved = data[i];
                    data[i] = saved + step;
                    double plus = Dot(upstream, op(inputs).ToArray().Select(v => (double)v).ToArray());
                    data[i] = saved - step;
                    double minus = Dot(upstream, op(inputs).ToArray().Select(v => (double)v).ToArray());
                    data[i] = saved;
                    numeric[i] = (plus - minus) / (2.0 * step);
                }
            var analytic = inputs[k].Grad?.ToArray().Select(v => (double)v).ToArray() ?? new double[data.Length];
            TensorAssert.Close(numeric, analytic, atol, rtol, $"{what}: gradient of input {k}");
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
