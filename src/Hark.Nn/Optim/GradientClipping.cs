using Hark.Tensors;

namespace Hark.Nn.Optim;

/// <summary>torch.nn.utils.clip_grad_norm_: scales every gradient so that their joint norm is at most max_norm.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Computes the norm of all gradients taken together (parameters without a gradient are skipped), multiplies each
    /// gradient by min(1, max_norm / (norm + 1e-6)), and returns the norm before clipping, as torch does.
    /// </summary>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0, bool errorIfNonfinite = false)
    {
        if (!(normType > 0)) throw new ArgumentOutOfRangeException(nameof(normType), normType, "ClipGradNorm: norm_type must be positive (or infinity)");
        var gradients = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0) return 0.0;
        double totalNorm;
        if (double.IsPositiveInfinity(normType))
            totalNorm = gradients.Max(g => g.Backend.PowerSum(g, normType));
        else
        {
            // torch takes the norm of each gradient, rounds it to float32, then the norm of those norms
            double sum = 0;
            foreach (var g in gradients)
            {
                double norm = (float)Math.Pow(g.Backend.PowerSum(g, normType), 1 / normType);
                sum += Math.Pow(norm, normType);
            }
            totalNorm = (float)Math.Pow(sum, 1 / normType);
        }
        if (errorIfNonfinite && !double.IsFinite(totalNorm))
            throw new ArithmeticException($"ClipGradNorm: the total norm of order {normType} of the gradients is {totalNorm}, so clipping cannot work");
        float coefficient = (float)Math.Min(1.0, (float)maxNorm / ((float)totalNorm + 1e-6f));
        foreach (var g in gradients) g.Backend.ScaleInPlace(g, coefficient);
        return totalNorm;
    }
}
