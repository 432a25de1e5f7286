using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// The input stage of an ImageNet backbone (<see cref="ImageInputOptions"/>): log-mels [batch, 1, mels, frames] (or
/// images [batch, 3, height, width]) -> [batch, 3, size, size]. It is part of the model, so training, prediction and
/// serving feed it the same features. Resizing is torch.nn.functional.interpolate(mode="bilinear",
/// align_corners=False) without antialiasing, as two products with interpolation matrices; normalisation is
/// torchvision.transforms.Normalize with ImageNet's mean and std. No parameters, no state-dict keys.
/// </summary>
public sealed class SpectrogramImage(ImageInputOptions options) : Layer
{
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    public ImageInputOptions Options { get; } = options;

    /// <summary>ImageNet's per-channel (RGB) mean and std that <see cref="InputNormalization.ImageNet"/> uses.</summary>
    public static IReadOnlyList<float> Mean => ImageNetMean;

    public static IReadOnlyList<float> Std => ImageNetStd;

    // input [batch, 1 or 3, height, width] -> [batch, 3, size, size]
    public override Tensor Forward(Tensor input)
    {
        ShapeException.Check(input.Rank == 4 && (input.Shape[1] == 1 || input.Shape[1] == 3), nameof(SpectrogramImage),
            "a log-mel batch [batch, 1, mels, frames] or an image batch [batch, 3, height, width]", input);
        var x = input.Shape[1] == 3 ? input : Options.Channels switch
        {
            ImageChannels.Repeat => Ops.Cat([input, input, input], 1),
            _ => WithDeltas(input),
        };
        if (Options.Size is int size && (x.Shape[2] != size || x.Shape[3] != size))
        {
            var rows = Tensor.FromArray(BilinearWeights(x.Shape[2], size), size, x.Shape[2]).To(x.Device);
            var columns = Tensor.FromArray(BilinearWeights(x.Shape[3], size), size, x.Shape[3]).To(x.Device);
            x = Ops.MatMul(rows, Ops.MatMul(x, Ops.Transpose(columns, 0, 1)));
        }
        if (Options.Normalization == InputNormalization.None) return x;
        var mean = Tensor.FromArray(ImageNetMean, 1, 3, 1, 1).To(x.Device);
        var std = Tensor.FromArray(ImageNetStd, 1, 3, 1, 1).To(x.Device);
        return Ops.Div(Ops.Sub(x, mean), std);
    }

    // x [batch, 1, mels, frames] -> [batch, 3, mels, frames]: the log-mel, its delta and delta-delta over frames
    private static Tensor WithDeltas(Tensor x)
    {
        var delta = Delta(x);
        return Ops.Cat([x, delta, Delta(delta)], 1);
    }

    /// <summary>torchaudio.functional.compute_deltas(x, win_length=5, mode="replicate") over the last axis: sum_k k x[t+k] / 10, k = -2..2.</summary>
    private static Tensor Delta(Tensor x)
    {
        int frames = x.Shape[3];
        var first = Ops.Slice(x, 3, 0, 1);
        var last = Ops.Slice(x, 3, frames - 1, frames);
        var padded = Ops.Cat([first, first, x, last, last], 3);
        Tensor Shifted(int k) => Ops.Slice(padded, 3, 2 + k, 2 + k + frames);
        var sum = Ops.Add(Ops.Mul(Ops.Sub(Shifted(2), Shifted(-2)), 2f), Ops.Sub(Shifted(1), Shifted(-1)));
        return Ops.Div(sum, 10f);
    }

    /// <summary>[output, input] weights of a bilinear resize along one axis (align_corners=False, PyTorch's source index clamped at 0).</summary>
    public static float[] BilinearWeights(int input, int output)
    {
        var weights = new float[output * input];
        double scale = (double)input / output;
        for (int o = 0; o < output; o++)
        {
            double source = Math.Max((o + 0.5) * scale - 0.5, 0);
            int low = Math.Min((int)source, input - 1), high = Math.Min(low + 1, input - 1);
            float fraction = (float)(source - low);
            weights[o * input + low] += 1f - fraction;
            weights[o * input + high] += fraction;
        }
        return weights;
    }
}
