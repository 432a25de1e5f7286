using Hark.Tensors;

namespace Hark.Bench;

/// <summary>
/// The seed-000 triple-branch CNN of ../shared/bench/peer_torch_cnn.py written with the functional ops: three branches of
/// five conv3x3 + BatchNorm + LeakyReLU (+ MaxPool2d(2), + dropout) blocks on [B, 3, 96, 96], global mean, concat,
/// fc 192 -> 128 -> classes. Parameters are initialised like PyTorch's defaults (uniform +-1/sqrt(fan_in)).
/// </summary>
internal sealed class SeedNetwork
{
    private static readonly (int In, int Out, bool Pool, float Dropout)[] Blocks =
        [(3, 16, true, 0f), (16, 32, true, 0.05f), (32, 48, true, 0.08f), (48, 64, true, 0.1f), (64, 64, false, 0.1f)];

    private sealed record Block(Tensor ConvWeight, Tensor ConvBias, Tensor BnWeight, Tensor BnBias, Tensor RunningMean, Tensor RunningVar, bool Pool, float Dropout);

    private readonly Block[][] branches;
    private readonly Tensor fc1Weight, fc1Bias, fc2Weight, fc2Bias;
    private readonly Generator dropout;

    public SeedNetwork(int classes, Generator generator)
    {
        dropout = generator.Fork();
        branches = new Block[3][];
        for (int b = 0; b < 3; b++)
            branches[b] = Blocks.Select(k => new Block(
                Uniform(generator, k.In * 9, k.Out, k.In, 3, 3), Uniform(generator, k.In * 9, k.Out),
                Parameter(Tensor.Ones(k.Out)), Parameter(Tensor.Zeros(k.Out)), Tensor.Zeros(k.Out), Tensor.Ones(k.Out), k.Pool, k.Dropout)).ToArray();
        fc1Weight = Uniform(generator, 192, 128, 192);
        fc1Bias = Uniform(generator, 192, 128);
        fc2Weight = Uniform(generator, 128, classes, 128);
        fc2Bias = Uniform(generator, 128, classes);
    }

    public IEnumerable<Tensor> Parameters()
    {
        foreach (var branch in branches)
            foreach (var block in branch)
            {
                yield return block.ConvWeight;
                yield return block.ConvBias;
                yield return block.BnWeight;
                yield return block.BnBias;
            }
        yield return fc1Weight;
        yield return fc1Bias;
        yield return fc2Weight;
        yield return fc2Bias;
    }

    public Tensor Forward(Tensor[] inputs, bool training)
    {
        var features = new Tensor[3];
        for (int b = 0; b < 3; b++)
        {
            var h = inputs[b];
            foreach (var block in branches[b])
            {
                h = Ops.Conv2d(h, block.ConvWeight, block.ConvBias, padding: 1);
                h = Ops.BatchNorm(h, block.RunningMean, block.RunningVar, block.BnWeight, block.BnBias, training);
                h = Ops.LeakyRelu(h, 0.01f);
                if (block.Pool) h = Ops.MaxPool2d(h, 2);
                if (block.Dropout > 0) h = Ops.Dropout(h, block.Dropout, training, dropout);
            }
            features[b] = Ops.Mean(h, [2, 3]);
        }
        var hidden = Ops.LeakyRelu(Ops.Linear(Ops.Cat(features, 1), fc1Weight, fc1Bias), 0.01f);
        return Ops.Linear(Ops.Dropout(hidden, 0.3f, training, dropout), fc2Weight, fc2Bias);
    }

    private static Tensor Parameter(Tensor t)
    {
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor Uniform(Generator generator, int fanIn, params int[] shape)
    {
        var t = Tensor.Empty(shape);
        float bound = 1f / MathF.Sqrt(fanIn);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (2 * generator.NextFloat() - 1) * bound;
        return Parameter(t);
    }
}
