using Hark.Tensors;

namespace Hark.Features.Augmentation;

/// <summary>
/// CutMix (Yun et al. 2019) as timm with correct_lam=True: lambda ~ Beta(alpha, alpha), a box over the last two axes
/// (mels x frames) whose area follows 1 - lambda (<see cref="CutMixBox.Draw"/>), then a permutation of the batch; the
/// box of sample perm[i] is pasted into sample i, and lambda becomes the exact share the box leaves untouched.
/// Multi-input samples share the permutation and the box, so their inputs must agree on (mels, frames).
/// </summary>
public static class CutMix
{
    public static MixResult Apply(Tensor input, double alpha, Generator generator) => Apply([input], alpha, generator);

    public static MixResult Apply(Tensor[] inputs, double alpha, Generator generator)
    {
        int batch = MixInputs.BatchSize(inputs, "CutMix");
        ArgumentNullException.ThrowIfNull(generator);
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "CutMix: alpha must be positive");
        var (mels, frames) = Plane(inputs, "CutMix");
        double lambda = BetaDistribution.Sample(generator, alpha, alpha);
        var box = CutMixBox.Draw(generator, mels, frames, lambda);
        var permutation = generator.Permutation(batch);
        return Mix(inputs, permutation, box);
    }

    /// <summary>Pastes <paramref name="box"/> of sample permutation[i] into a copy of sample i, for every input.</summary>
    public static MixResult Mix(Tensor[] inputs, int[] permutation, CutMixBox box)
    {
        int batch = MixInputs.BatchSize(inputs, "CutMix.Mix");
        MixInputs.CheckPermutation(permutation, batch, "CutMix.Mix");
        var (mels, frames) = Plane(inputs, "CutMix.Mix");
        if (box.MelStart < 0 || box.MelStart > box.MelEnd || box.MelEnd > mels || box.FrameStart < 0 || box.FrameStart > box.FrameEnd || box.FrameEnd > frames)
            throw new ArgumentOutOfRangeException(nameof(box), $"CutMix.Mix: box {box} does not fit a {mels} x {frames} plane");
        int plane = mels * frames;
        int width = box.FrameEnd - box.FrameStart;
        var mixed = new Tensor[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var output = inputs[k].Clone();
            ReadOnlySpan<float> source = inputs[k].Span;
            var target = output.Span;
            int planesPerSample = batch == 0 ? 0 : inputs[k].Numel / batch / plane;
            for (int i = 0; i < batch; i++)
                for (int p = 0; p < planesPerSample; p++)
                {
                    int ownPlane = (i * planesPerSample + p) * plane, partnerPlane = (permutation[i] * planesPerSample + p) * plane;
                    for (int m = box.MelStart; m < box.MelEnd; m++)
                        source.Slice(partnerPlane + m * frames + box.FrameStart, width).CopyTo(target.Slice(ownPlane + m * frames + box.FrameStart, width));
                }
            mixed[k] = output;
        }
        return new MixResult(mixed, permutation, (float)box.AdjustedLambda(mels, frames), MixKind.CutMix, box);
    }

    private static (int Mels, int Frames) Plane(Tensor[] inputs, string op)
    {
        foreach (var input in inputs)
            ShapeException.Check(input.Rank >= 3, op, "inputs [batch, ..., mels, frames] of rank 3 or more", input);
        int mels = inputs[0].Size(-2), frames = inputs[0].Size(-1);
        ShapeException.Check(mels >= 1 && frames >= 1 && inputs.All(x => x.Size(-2) == mels && x.Size(-1) == frames), op,
            "every input with the same non-empty (mels, frames), since they share one box", inputs);
        return (mels, frames);
    }
}
