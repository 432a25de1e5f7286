using Hark.Nn.Optim;
using Hark.Tensors;

namespace Hark.Nn.Tests;

/// <summary>Ten steps of each optimiser against torch 1.13 (Fixtures/make_fixtures.py), with the same fixed gradients.</summary>
public class OptimizerTests
{
    private static readonly Dictionary<string, Tensor> fixture = Fixtures.Load("optimizers.safetensors");

    private static Optimizer Build(string name, Tensor[] p) => name switch
    {
        "sgd" => new Sgd(p, lr: 0.1),
        "sgd_momentum" => new Sgd(p, lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01),
        "sgd_nesterov" => new Sgd(p, lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.001),
        "adam" => new Adam(p, lr: 0.01),
        "adam_l2" => new Adam(p, lr: 0.01, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1),
        "adamw" => new AdamW(p, lr: 0.01, weightDecay: 0.05),
        "adamw_groups" => new AdamW([new ParameterGroup([p[0]], learningRate: 0.003, weightDecay: 0.0), new ParameterGroup(p[1..])],
            lr: 0.01, weightDecay: 0.05),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("sgd")]
    [InlineData("sgd_momentum")]
    [InlineData("sgd_nesterov")]
    [InlineData("adam")]
    [InlineData("adam_l2")]
    [InlineData("adamw")]
    [InlineData("adamw_groups")]
    public void TenStepsMatchTorch(string name)
    {
        var p = Enumerable.Range(0, 3).Select(i => fixture[$"initial.{i}"].Clone()).ToArray();
        foreach (var t in p) t.RequiresGrad = true;
        var optimizer = Build(name, p);
        for (int step = 0; step < 10; step++)
        {
            for (int i = 0; i < p.Length; i++) p[i].Grad = fixture[$"grad.{step}.{i}"].Clone();
            optimizer.Step();
            for (int i = 0; i < p.Length; i++)
                Assert.True(Fixtures.MaxScaledError(p[i], fixture[$"{name}.step{step}.{i}"]) < 1e-6, $"{name} step {step} parameter {i}");
        }
    }

    [Fact]
    public void GroupsKeepTheirOwnSettingsAndParametersWithoutGradientsAreSkipped()
    {
        var a = Tensor.Ones(2); var b = Tensor.Ones(2);
        var optimizer = new Sgd([new ParameterGroup([a], learningRate: 0.5), new ParameterGroup([b])], lr: 0.1);
        Assert.Equal([0.5, 0.1], optimizer.ParameterGroups.Select(g => g.LearningRate));
        a.Grad = Tensor.Ones(2);
        optimizer.Step();
        Assert.Equal([0.5f, 0.5f], a.ToArray());
        Assert.Equal([1f, 1f], b.ToArray());
        optimizer.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void InvalidSettingsAndSharedParametersAreRejected()
    {
        var p = Tensor.Ones(2);
        Assert.Throws<ArgumentException>(() => new Sgd([p], lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], lr: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([p], betas: (1.0, 0.9)));
        Assert.Throws<ArgumentException>(() => new Sgd([new ParameterGroup([p]), new ParameterGroup([p])], lr: 0.1));
    }

    [Fact]
    public void AGradientOfTheWrongShapeNamesTheOptimiserAndBothShapes()
    {
        var p = Tensor.Ones(2, 3);
        var optimizer = new AdamW([p]);
        p.Grad = Tensor.Ones(3, 2);
        var error = Assert.Throws<ShapeException>(optimizer.Step);
        Assert.Contains("AdamW.Step", error.Message);
        Assert.Contains("[2, 3], [3, 2]", error.Message);
    }
}
