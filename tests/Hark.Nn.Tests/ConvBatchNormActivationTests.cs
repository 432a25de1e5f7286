using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn.Tests;

/// <summary>
/// Conv2d -> BatchNorm2d -> LeakyReLU folded into one convolution (evaluation, no graph) against the layers one by one,
/// to float rounding: |folded - layers| &lt;= 1e-5 + 1e-4 |layers|.
/// </summary>
public class ConvBatchNormActivationTests
{
    private static Tensor Random(Generator g, params int[] shape) => Initializers.Normal(Tensor.Zeros(shape), 0, 1, g);

    // a batch norm whose running statistics and affine parameters are far from their initial 0/1, as after training
    private static BatchNorm2d TrainedNorm(int channels, bool affine, Generator g)
    {
        var norm = new BatchNorm2d(channels, affine: affine);
        Initializers.Normal(norm.RunningMean!, 0.5, 1, g);
        Initializers.Uniform(norm.RunningVar!, 0.2, 3, g);
        if (affine)
        {
            Initializers.Normal(norm.Weight!, 1, 0.5, g);
            Initializers.Normal(norm.Bias!, 0, 0.5, g);
        }
        return norm;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 + 1e-4 * Math.Abs(expected[i]), $"element {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [InlineData(true, true, 0.01f, 1)]
    [InlineData(true, false, 0f, 1)]
    [InlineData(false, true, 0.2f, 2)]
    [InlineData(false, false, 0f, 1)]
    public void InEvaluationWithoutAGraphItEqualsTheLayersOneByOne(bool convBias, bool affine, float negativeSlope, int stride)
    {
        var g = new Generator(3);
        var conv = new Conv2d(3, 16, 3, g, stride: stride, padding: 1, bias: convBias);
        var norm = TrainedNorm(16, affine, g);
        norm.Eval();
        var x = Random(g, 2, 3, 11, 9);
        using var _ = Graph.NoGrad();
        var expected = Tensors.Ops.LeakyRelu(norm.Forward(conv.Forward(x)), negativeSlope);
        var folded = ConvBatchNormActivation.Forward(x, conv, norm, negativeSlope);
        AssertClose(expected.ToArray(), folded.ToArray());
    }

    [Fact]
    public void TheFoldFollowsWeightsAndStatisticsChangedInPlace()
    {
        var g = new Generator(6);
        var conv = new Conv2d(4, 8, 3, g, padding: 1);
        var norm = TrainedNorm(8, affine: true, g);
        norm.Eval();
        var x = Random(g, 1, 4, 6, 6);
        using var _ = Graph.NoGrad();
        var before = ConvBatchNormActivation.Forward(x, conv, norm, 0.01f).ToArray();
        Initializers.Normal(conv.Weight, 0, 1, g);
        Initializers.Normal(norm.RunningMean!, -1, 1, g);
        Initializers.Normal(norm.Weight!, 2, 0.1, g);
        var expected = Tensors.Ops.LeakyRelu(norm.Forward(conv.Forward(x)), 0.01f).ToArray();
        var after = ConvBatchNormActivation.Forward(x, conv, norm, 0.01f).ToArray();
        Assert.NotEqual(before, after);
        AssertClose(expected, after);
    }

    [Fact]
    public void WithAGraphOrInTrainingTheGradientsAreTheLayersOwn()
    {
        foreach (bool training in new[] { true, false })
        {
            (float[] Output, float[][] Gradients) Run(bool block)
            {
                var g = new Generator(9);
                var conv = new Conv2d(2, 5, 3, g, padding: 1);
                var norm = TrainedNorm(5, affine: true, g);
                if (training) norm.Train(); else norm.Eval();
                var x = Random(g, 2, 2, 5, 7);
                var y = block ? ConvBatchNormActivation.Forward(x, conv, norm, 0.1f) : norm.ForwardActivated(conv.Forward(x), 0.1f);
                Tensors.Ops.Sum(Tensors.Ops.Mul(y, y)).Backward();
                return (y.ToArray(), conv.Parameters().Concat(norm.Parameters()).Select(p => p.Grad!.ToArray()).ToArray());
            }

            var expected = Run(block: false);
            var actual = Run(block: true);
            Assert.Equal(expected.Output, actual.Output);
            Assert.Equal(expected.Gradients, actual.Gradients);
        }
    }

    [Theory]
    [InlineData(2, 0.01f, 13, 11)]
    [InlineData(2, 0f, 6, 9)]
    [InlineData(3, 0.01f, 12, 12)]
    public void WithAPoolAfterItEqualsTheLayersOneByOne(int poolSize, float negativeSlope, int height, int width)
    {
        var g = new Generator(7);
        var conv = new Conv2d(8, 16, 3, g, padding: 1);
        var norm = TrainedNorm(16, affine: true, g);
        norm.Eval();
        var pool = new MaxPool2d(poolSize);
        var x = Random(g, 2, 8, height, width);
        using var _ = Graph.NoGrad();
        var expected = pool.Forward(Tensors.Ops.LeakyRelu(norm.Forward(conv.Forward(x)), negativeSlope));
        var folded = ConvBatchNormActivation.Forward(x, conv, norm, negativeSlope, pool);
        Assert.Equal(expected.Shape, folded.Shape);
        AssertClose(expected.ToArray(), folded.ToArray());
    }

    [Fact]
    public void SequentialFoldsItsConvBatchNormActivationTriplesInEvaluation()
    {
        var g = new Generator(12);
        Layer[] layers = [new Conv2d(3, 16, 3, g, padding: 1), TrainedNorm(16, affine: true, g), new LeakyReLU(0.01), new MaxPool2d(2),
            new Conv2d(16, 8, 3, g), TrainedNorm(8, affine: true, g), new ReLU()];
        var net = new Sequential(layers);
        net.Eval();
        var x = Random(g, 2, 3, 12, 10);
        using var _ = Graph.NoGrad();
        var expected = x;
        foreach (var layer in layers) expected = layer.Forward(expected);
        AssertClose(expected.ToArray(), net.Forward(x).ToArray());
    }
}
