namespace Hark.Cuda.Kernels;

/// <summary>
/// Cross entropy over log-probabilities with class-index targets (torch.nn.functional.cross_entropy with label
/// smoothing s), one thread per sample. Targets arrive as floats (exact below 2^24); hasWeight 0 means every class weighs 1.
/// </summary>
public static class LossKernels
{
    // logProbabilities is (batch, classes); loss is (batch)
    public static void CrossEntropy(Index1D i, ArrayView<float> logProbabilities, ArrayView<float> targets, ArrayView<float> weight, int hasWeight,
        int classes, float labelSmoothing, ArrayView<float> loss)
    {
        long row = (long)(int)i * classes;
        int target = (int)targets[i];
        float nll = -Weight(weight, hasWeight, target) * logProbabilities[row + target];
        float smooth = 0;
        if (labelSmoothing != 0f)
            for (int c = 0; c < classes; c++) smooth -= Weight(weight, hasWeight, c) * logProbabilities[row + c];
        loss[i] = (1f - labelSmoothing) * nll + labelSmoothing / classes * smooth;
    }

    public static void CrossEntropyBackward(Index1D i, ArrayView<float> dLoss, ArrayView<float> targets, ArrayView<float> weight, int hasWeight,
        int classes, float labelSmoothing, ArrayView<float> dLogProbabilities)
    {
        long row = (long)(int)i * classes;
        int target = (int)targets[i];
        dLogProbabilities[row + target] -= dLoss[i] * (1f - labelSmoothing) * Weight(weight, hasWeight, target);
        if (labelSmoothing != 0f)
            for (int c = 0; c < classes; c++) dLogProbabilities[row + c] -= dLoss[i] * (labelSmoothing / classes) * Weight(weight, hasWeight, c);
    }

    private static float Weight(ArrayView<float> weight, int hasWeight, int c) => hasWeight != 0 ? weight[c] : 1f;
}
