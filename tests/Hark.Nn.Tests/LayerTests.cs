using Hark.Tensors;

namespace Hark.Nn.Tests;

public class LayerTests
{
    private static Tensor Random(Generator g, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        return Initializers.Normal(t, 0, 1, g);
    }

    [Fact]
    public void Conv2dHasTorchShapesKeysAndOutputSize()
    {
        var conv = new Conv2d(4, 6, 3, new Generator(1), stride: 2, padding: 1, groups: 2);
        Assert.Equal(new[] { 6, 2, 3, 3 }, conv.Weight.Shape);
        Assert.Equal(["weight", "bias"], conv.StateDict().Keys);
        Assert.Equal(new[] { 2, 6, 4, 5 }, conv.Forward(Random(new Generator(2), 2, 4, 7, 9)).Shape);
        Assert.Equal(["weight"], new Conv2d(3, 8, 1, new Generator(1), bias: false).StateDict().Keys);
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 8, 3, new Generator(1), groups: 2));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SequentialConvBatchNormActivationChainsGiveTheSameNumbersAsTheLayersOneByOne(bool training)
    {
        (float[] Output, float[][] Gradients, float[] RunningMean) Run(bool sequential)
        {
            var generator = new Generator(5);
            Layer[] layers = [new Conv2d(3, 5, 3, generator, padding: 1), new BatchNorm2d(5), new LeakyReLU(0.1), new Conv2d(5, 4, 3, generator),
                new BatchNorm2d(4), new ReLU(), new MaxPool2d(2)];
            var net = new Sequential(layers);
            if (training) net.Train(); else net.Eval();
            var x = Random(generator, 2, 3, 11, 13);
            var y = x;
            if (sequential)
                y = net.Forward(x);
            else
                foreach (var layer in layers) y = layer.Forward(y);
            Tensors.Ops.Sum(Tensors.Ops.Mul(y, y)).Backward();
            var gradients = net.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
            return (y.ToArray(), gradients, ((BatchNorm2d)layers[1]).RunningMean!.ToArray());
        }

        var expected = Run(sequential: false);
        var actual = Run(sequential: true);
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.RunningMean, actual.RunningMean);
        Assert.Equal(expected.Gradients.Length, actual.Gradients.Length);
        for (int i = 0; i < expected.Gradients.Length; i++)
            for (int j = 0; j < expected.Gradients[i].Length; j++)
                Assert.True(Math.Abs(expected.Gradients[i][j] - actual.Gradients[i][j]) <= 1e-5 + 1e-4 * Math.Abs(expected.Gradients[i][j]),
                    $"parameter {i} element {j}: {expected.Gradients[i][j]} vs {actual.Gradients[i][j]}");
    }

    [Fact]
    public void LinearComputesXTimesWTransposedPlusB()
    {
        var linear = new Linear(3, 2, new Generator(1));
        var x = Random(new Generator(2), 4, 3);
        var y = linear.Forward(x).ToArray();
        var w = linear.Weight.ToArray(); var b = linear.Bias!.ToArray(); var xs = x.ToArray();
        for (int n = 0; n < 4; n++)
            for (int o = 0; o < 2; o++)
                Assert.Equal(b[o] + xs[n * 3] * w[o * 3] + xs[n * 3 + 1] * w[o * 3 + 1] + xs[n * 3 + 2] * w[o * 3 + 2], y[n * 2 + o], 5);
    }

    [Fact]
    public void BatchNorm2dCountsBatchesMovesRunningStatisticsInTrainingAndUsesThemInEval()
    {
        var bn = new BatchNorm2d(3, momentum: 0.5);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        var x = Random(new Generator(3), 4, 3, 5, 5);
        bn.Forward(x);
        bn.Forward(x);
        Assert.Equal(2f, bn.NumBatchesTracked!.Item());
        var values = x.ToArray();
        double mean0 = Enumerable.Range(0, 4).SelectMany(n => values.Skip((n * 3) * 25).Take(25)).Average(v => (double)v);
        Assert.Equal(0.75 * mean0, bn.RunningMean!.ToArray()[0], 5);

        bn.Eval();
        var y = bn.Forward(x).ToArray();
        float rm = bn.RunningMean.ToArray()[0], rv = bn.RunningVar!.ToArray()[0];
        Assert.Equal((values[0] - rm) / MathF.Sqrt(rv + 1e-5f), y[0], 5);
        Assert.Equal(2f, bn.NumBatchesTracked.Item());
    }

    [Fact]
    public void BatchNormChecksTheInputRankAndChannelCount()
    {
        var error = Assert.Throws<ShapeException>(() => new BatchNorm2d(3).Forward(Tensor.Zeros(4, 3, 5)));
        Assert.Contains("BatchNorm2d", error.Message);
        Assert.Contains("[4, 3, 5]", error.Message);
        Assert.Throws<ShapeException>(() => new BatchNorm1d(3).Forward(Tensor.Zeros(4, 2)));
        Assert.Equal(new[] { 4, 3, 6 }, new BatchNorm1d(3).Forward(Random(new Generator(1), 4, 3, 6)).Shape);
        Assert.Empty(new BatchNorm1d(3, affine: false, trackRunningStats: false).StateDict());
    }

    [Fact]
    public void DropoutIsTheIdentityInEvalAndDropsInTraining()
    {
        var dropout = new Dropout(new Generator(4), p: 0.5);
        var x = Tensor.Ones(1000);
        var trained = dropout.Forward(x).ToArray();
        Assert.InRange(trained.Count(v => v == 0), 400, 600);
        Assert.All(trained, v => Assert.True(v == 0 || v == 2));
        dropout.Eval();
        Assert.Equal(x.ToArray(), dropout.Forward(x).ToArray());
    }

    [Fact]
    public void PoolsActivationsFlattenAndIdentityChainInASequential()
    {
        var net = new Sequential(new MaxPool2d(2), new AvgPool2d(2, stride: 1), new AdaptiveAvgPool2d(2), new AdaptiveMaxPool2d(1),
            new LeakyReLU(0.2), new ReLU(), new GELU(), new SiLU(), new Flatten(), new Identity());
        Assert.Equal(new[] { 2, 3 }, net.Forward(Random(new Generator(5), 2, 3, 12, 10)).Shape);
        Assert.Empty(net.StateDict());
        Assert.Equal(new[] { 1, 1, 3, 3 }, new MaxPool2d(2).Forward(Tensor.Zeros(1, 1, 7, 7)).Shape);
    }

    [Fact]
    public void LossModulesKeepTheirWeightsAsTorchNamedBuffers()
    {
        var ce = new CrossEntropyLoss(Tensor.Ones(3), labelSmoothing: 0.1);
        Assert.Equal(["weight"], ce.StateDict().Keys);
        var loss = ce.Forward(Random(new Generator(6), 4, 3), [0, 1, 2, 1]);
        Assert.Equal(0, loss.Rank);
        var bce = new BCEWithLogitsLoss(posWeight: Tensor.Full([3], 2f));
        Assert.Equal(["pos_weight"], bce.StateDict().Keys);
        Assert.True(bce.Forward(Random(new Generator(7), 4, 3), Tensor.Ones(4, 3)).Item() > 0);
        Assert.True(new SigmoidFocalLoss().Forward(Random(new Generator(8), 4, 3), Tensor.Zeros(4, 3)).Item() > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: 1.5));
    }
}
