using Hark.Nn.Optim;
using Hark.Tensors;

namespace Hark.Nn.Tests;

public class WeightEmaTests
{
    [Fact]
    public void WarmUpDecayIsMinOfDecayAndOnePlusTOverTenPlusT()
    {
        var net = new ToyNet(new Generator(1));
        var ema = new WeightEma(net, decay: 0.5);
        Assert.Equal(0.1, ema.CurrentDecay, 12);
        ema.Update();
        Assert.Equal(2.0 / 11, ema.CurrentDecay, 12);
        for (int i = 0; i < 20; i++) ema.Update();
        Assert.Equal(0.5, ema.CurrentDecay, 12);
        Assert.Equal(0.999, new WeightEma(net, warmup: false).CurrentDecay);
    }

    [Fact]
    public void ParametersAreAveragedWithTheCurrentDecay()
    {
        var net = new ToyNet(new Generator(1));
        var weight = net.Heads[0].Weight;
        var start = weight.ToArray();
        var ema = new WeightEma(net, decay: 0.9);
        weight.Span.Fill(1f);
        ema.Update(); // decay 0.1
        var averaged = ema.StateDict()["heads.0.weight"].ToArray();
        for (int i = 0; i < start.Length; i++) Assert.Equal(0.1f * start[i] + 0.9f * 1f, averaged[i], 6);
    }

    [Theory]
    [InlineData(EmaBufferPolicy.Copy)]
    [InlineData(EmaBufferPolicy.Average)]
    public void BufferPolicyDecidesWhetherRunningStatisticsAreCopiedOrAveraged(EmaBufferPolicy policy)
    {
        var net = new ToyNet(new Generator(1));
        var norm = (ToyNorm)net.Features[1];
        var ema = new WeightEma(net, decay: 0.9, bufferPolicy: policy);
        norm.RunningMean.Span.Fill(2f);
        norm.NumBatchesTracked.Span[0] = 3;
        ema.Update(); // decay 0.1: average = 0.1 * 0 + 0.9 * 2
        float expected = policy == EmaBufferPolicy.Copy ? 2f : 0.9f * 2f;
        Assert.All(ema.StateDict()["features.1.running_mean"].ToArray(), v => Assert.Equal(expected, v, 6));
        Assert.Equal(3f, ema.StateDict()["features.1.num_batches_tracked"].Item());

        var copy = new ToyNet(new Generator(9));
        ema.CopyTo(copy);
        Assert.Equal(ema.StateDict()["heads.1.weight"].ToArray(), copy.Heads[1].Weight.ToArray());
    }
}
