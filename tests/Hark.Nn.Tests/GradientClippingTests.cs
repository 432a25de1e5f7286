using Hark.Nn.Optim;
using Hark.Tensors;

namespace Hark.Nn.Tests;

public class GradientClippingTests
{
    private static readonly Dictionary<string, Tensor> fixture = Fixtures.Load("clip_grad_norm.safetensors");

    [Theory]
    [InlineData("l2", 1.0, 2.0)]
    [InlineData("inf", 0.5, double.PositiveInfinity)]
    [InlineData("below", 100.0, 2.0)]
    public void ClippingMatchesTorchClipGradNorm(string name, double maxNorm, double normType)
    {
        var parameters = Enumerable.Range(0, 3).Select(i => new { Tensor = Tensor.ZerosLike(fixture[$"{name}.before.{i}"]), Index = i }).ToList();
        foreach (var p in parameters) p.Tensor.Grad = fixture[$"{name}.before.{p.Index}"].Clone();
        var extra = Tensor.Zeros(3); // a parameter without a gradient is ignored
        double total = GradientClipping.ClipGradNorm(parameters.Select(p => p.Tensor).Append(extra), maxNorm, normType);
        Assert.Equal(fixture[$"{name}.total_norm"].Item(), total, 1e-5 * total);
        foreach (var p in parameters)
            Assert.True(Fixtures.MaxScaledError(p.Tensor.Grad!, fixture[$"{name}.after.{p.Index}"]) < 1e-6);
        Assert.Null(extra.Grad);
    }
}
