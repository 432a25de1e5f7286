using Hark.Tensors;

namespace Hark.Nn.Tests;

public class InitializersTests
{
    [Fact]
    public void GainsMatchTorchCalculateGain()
    {
        Assert.Equal(Math.Sqrt(2), Initializers.CalculateGain(Nonlinearity.Relu), 12);
        Assert.Equal(Math.Sqrt(2 / (1 + 0.01 * 0.01)), Initializers.CalculateGain(Nonlinearity.LeakyRelu), 12);
        Assert.Equal(Math.Sqrt(2.0 / 6), Initializers.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)), 12);
        Assert.Equal(5.0 / 3, Initializers.CalculateGain(Nonlinearity.Tanh), 12);
    }

    [Fact]
    public void FansUseTheReceptiveFieldOfConvWeights()
    {
        Assert.Equal((3 * 9, 16 * 9), Initializers.CalculateFans(Tensor.Zeros(16, 3, 3, 3)));
        Assert.Equal((192, 128), Initializers.CalculateFans(Tensor.Zeros(128, 192)));
        Assert.Throws<ShapeException>(() => Initializers.CalculateFans(Tensor.Zeros(5)));
    }

    [Fact]
    public void DefaultLayerInitStaysWithinOneOverSqrtFanInAndFillsTheRange()
    {
        var weight = Tensor.Zeros(64, 16, 3, 3);
        var bias = Tensor.Zeros(64);
        Initializers.DefaultLayerInit(weight, bias, new Generator(5));
        double bound = 1 / Math.Sqrt(16 * 9);
        Assert.All(weight.ToArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.All(bias.ToArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(weight.ToArray().Max() > 0.95 * bound && weight.ToArray().Min() < -0.95 * bound);
    }

    [Theory]
    [InlineData(FanMode.FanIn)]
    [InlineData(FanMode.FanOut)]
    public void KaimingNormalHasTheExpectedStandardDeviation(FanMode mode)
    {
        var weight = Tensor.Zeros(200, 100, 3, 3);
        Initializers.KaimingNormal(weight, new Generator(7), mode: mode, nonlinearity: Nonlinearity.Relu);
        var values = weight.ToArray();
        double std = Math.Sqrt(values.Select(v => (double)v * v).Average());
        double expected = Math.Sqrt(2) / Math.Sqrt(mode == FanMode.FanIn ? 900 : 1800);
        Assert.InRange(std / expected, 0.99, 1.01);
        Assert.InRange(values.Average(), -0.01 * expected, 0.01 * expected);
    }

    [Fact]
    public void XavierUniformBoundAndNormalStdFollowTheFormulas()
    {
        var w = Tensor.Zeros(300, 500);
        Initializers.XavierUniform(w, new Generator(1), gain: 2);
        double bound = 2 * Math.Sqrt(6.0 / 800);
        Assert.All(w.ToArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Initializers.XavierNormal(w, new Generator(2));
        double std = Math.Sqrt(w.ToArray().Select(v => (double)v * v).Average());
        Assert.InRange(std / Math.Sqrt(2.0 / 800), 0.99, 1.01);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeights()
    {
        var a = Tensor.Zeros(8, 8);
        var b = Tensor.Zeros(8, 8);
        Initializers.KaimingUniform(a, new Generator(3));
        Initializers.KaimingUniform(b, new Generator(3));
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
