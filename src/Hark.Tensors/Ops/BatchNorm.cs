using Hark.Tensors.Autograd;

namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.batch_norm over input [N, C], [N, C, L] or [N, C, H, W], per channel C.
    /// Training normalises with the batch's statistics and, when running stats are given, updates them in place
    /// (running = (1 - momentum) * running + momentum * batch, unbiased variance); evaluation uses the running stats.
    /// weight and bias ([C]) are optional (affine=False).
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training,
        float momentum = 0.1f, float eps = 1e-5f) =>
        BatchNorm("BatchNorm", input, runningMean, runningVar, weight, bias, training, momentum, eps, activationSlope: null);

    /// <summary>
    /// LeakyRelu(BatchNorm(...), negativeSlope) in one op (negativeSlope 0: Relu): the same numbers as the two ops, without
    /// storing the normalised tensor and with one pass less each way.
    /// </summary>
    public static Tensor BatchNormActivation(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training,
        float momentum, float eps, float negativeSlope)
    {
        if (!float.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, $"BatchNormActivation: the negative slope must be finite; got {negativeSlope} for input {ShapeException.Format(input.Shape)}");
        return BatchNorm("BatchNormActivation", input, runningMean, runningVar, weight, bias, training, momentum, eps, negativeSlope);
    }

    private static Tensor BatchNorm(string op, Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training,
        float momentum, float eps, float? activationSlope)
    {
        ShapeException.Check(input.Rank is >= 2 and <= 4, op, "input [N, C], [N, C, L] or [N, C, H, W]", input);
        int channels = input.Shape[1];
        var all = new[] { input, runningMean, runningVar, weight, bias }.OfType<Tensor>().ToArray();
        ShapeException.SameDevice(op, all);
        foreach (var (tensor, name) in new[] { (runningMean, "running_mean"), (runningVar, "running_var"), (weight, "weight"), (bias, "bias") })
            if (tensor is not null)
                ShapeException.Check(tensor.Rank == 1 && tensor.Shape[0] == channels, op, $"{name} of shape [{channels}] for input channels {channels}", input, tensor);
        if (!training && (runningMean is null || runningVar is null))
            throw new ArgumentException($"{op}: evaluation mode needs running_mean and running_var; got shapes input {ShapeException.Format(input.Shape)} without them");
        if (training)
            ShapeException.Check(input.Numel / Math.Max(1, channels) > 1, op, "more than 1 value per channel when training", input);

        var output = Tensor.Empty(input.Shape, input.Device);
        var savedMean = Tensor.Empty([channels], input.Device);
        var savedInvStd = Tensor.Empty([channels], input.Device);
        var backend = input.Backend;
        if (training)
            backend.BatchNormForwardTraining(input, weight, bias, output, savedMean, savedInvStd, runningMean, runningVar, momentum, eps, activationSlope);
        else
            backend.BatchNormForwardInference(input, runningMean!, runningVar!, weight, bias, output, savedMean, savedInvStd, eps, activationSlope);

        Tensor[] inputs = [input, .. weight is null ? Array.Empty<Tensor>() : [weight], .. bias is null ? Array.Empty<Tensor>() : [bias]];
        int weightIndex = weight is null ? -1 : 1, biasIndex = bias is null ? -1 : weight is null ? 1 : 2;
        Graph.Record(output, activationSlope is null ? "batch_norm" : "batch_norm_activation", inputs, (dOutput, grads) =>
        {
            var firstInput = grads.Wants(0) ? grads.FirstWriteBuffer(0) : null;
            backend.BatchNormBackward(input, weight, bias, savedMean, savedInvStd, dOutput,
                firstInput ?? (grads.Wants(0) ? grads.Buffer(0) : null), accumulateInput: firstInput is null,
                weightIndex > 0 && grads.Wants(weightIndex) ? grads.Buffer(weightIndex) : null,
                biasIndex > 0 && grads.Wants(biasIndex) ? grads.Buffer(biasIndex) : null,
                training, activationSlope);
        });
        return output;
    }
}
