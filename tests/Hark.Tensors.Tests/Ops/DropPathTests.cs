namespace Hark.Tensors.Tests.Ops;

/// <summary>Stochastic depth: whole samples dropped or scaled by 1/(1-p), reproducible from the seed, identity outside training.</summary>
public class DropPathTests
{
    [Fact]
    public void EachSampleIsDroppedWholeOrScaledByTheSurvivalRate()
    {
        var x = Tensor.Ones(400, 2, 3);
        x.RequiresGrad = true;
        var y = Tensors.Ops.DropPath(x, 0.25f, training: true, new Generator(3));
        var values = y.ToArray();
        int kept = 0;
        for (int sample = 0; sample < 400; sample++)
        {
            var row = values.AsSpan(sample * 6, 6).ToArray();
            Assert.True(row.All(v => v == 0f) || row.All(v => Math.Abs(v - 1f / 0.75f) < 1e-6), $"sample {sample}: {string.Join(", ", row)}");
            if (row[0] != 0f) kept++;
        }
        Assert.InRange(kept, 260, 340);
        y.Backward(Tensor.Ones(400, 2, 3));
        Assert.Equal(values, x.Grad!.ToArray());
    }

    [Fact]
    public void TheSameSeedDropsTheSameSamples()
    {
        var x = Tensor.Ones(64, 5);
        Assert.Equal(Tensors.Ops.DropPath(x, 0.5f, true, new Generator(8)).ToArray(), Tensors.Ops.DropPath(x, 0.5f, true, new Generator(8)).ToArray());
        Assert.NotEqual(Tensors.Ops.DropPath(x, 0.5f, true, new Generator(8)).ToArray(), Tensors.Ops.DropPath(x, 0.5f, true, new Generator(9)).ToArray());
    }

    [Fact]
    public void OutsideTrainingOrWithZeroProbabilityTheInputPassesUnchanged()
    {
        var x = Tensor.Ones(4, 3);
        Assert.Same(x, Tensors.Ops.DropPath(x, 0.5f, training: false, new Generator(1)));
        Assert.Same(x, Tensors.Ops.DropPath(x, 0f, training: true, new Generator(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensors.Ops.DropPath(x, 1.5f, true, new Generator(1)));
    }
}
