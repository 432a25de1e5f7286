using System.Numerics;

namespace Hark.Tensors.Backends.Cpu.Reference;

/// <summary>
/// Cross entropy over log-probabilities with class-index targets, as torch.nn.functional.cross_entropy computes it:
/// loss_i = (1 - s) * -w[t_i] logp[i, t_i] + s / C * -sum_c w[c] logp[i, c]. Small enough that the CPU backend runs it as is.
/// </summary>
internal static class ReferenceLosses
{
    // logProbabilities is (batch, classes); weight is (classes) or empty for none; loss is (batch)
    public static void ClassIndexCrossEntropy<T>(ReadOnlySpan<T> logProbabilities, ReadOnlySpan<int> targets, ReadOnlySpan<T> weight,
        T labelSmoothing, Span<T> loss) where T : IFloatingPointIeee754<T>
    {
        int batch = targets.Length, classes = batch == 0 ? 0 : logProbabilities.Length / batch;
        var smoothingPerClass = labelSmoothing / T.CreateTruncating(classes);
        for (int i = 0; i < batch; i++)
        {
            var row = logProbabilities.Slice(i * classes, classes);
            int target = targets[i];
            var nll = -Weight(weight, target) * row[target];
            var smooth = T.Zero;
            if (labelSmoothing != T.Zero)
                for (int c = 0; c < classes; c++) smooth -= Weight(weight, c) * row[c];
            loss[i] = (T.One - labelSmoothing) * nll + smoothingPerClass * smooth;
        }
    }

    public static void ClassIndexCrossEntropyBackward<T>(ReadOnlySpan<T> dLoss, ReadOnlySpan<int> targets, ReadOnlySpan<T> weight,
        T labelSmoothing, Span<T> dLogProbabilities) where T : IFloatingPointIeee754<T>
    {
        int batch = targets.Length, classes = batch == 0 ? 0 : dLogProbabilities.Length / batch;
        var smoothingPerClass = labelSmoothing / T.CreateTruncating(classes);
        for (int i = 0; i < batch; i++)
        {
            var row = dLogProbabilities.Slice(i * classes, classes);
            int target = targets[i];
            row[target] -= dLoss[i] * (T.One - labelSmoothing) * Weight(weight, target);
            if (labelSmoothing != T.Zero)
                for (int c = 0; c < classes; c++) row[c] -= dLoss[i] * smoothingPerClass * Weight(weight, c);
        }
    }

    private static T Weight<T>(ReadOnlySpan<T> weight, int c) where T : IFloatingPointIeee754<T> => weight.IsEmpty ? T.One : weight[c];
}
