using Hark.Tensors;
using Hark.Tensors.Tests.Testing;
using Xunit.Abstractions;

namespace Hark.Nn.Tests;

/// <summary>
/// GeneralizedCrossEntropyLoss and SymmetricCrossEntropyLoss against their PyTorch references
/// (Fixtures/generate_noisy_label_losses.py: the papers' formulas and the SCE authors' code in float64): values and
/// gradients within 1e-5 (|diff| / (1 + |expected|)), plus finite-difference gradient checks.
/// </summary>
public sealed class NoisyLabelLossTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Tensor> Fixture = Fixtures.Load("noisy_label_losses.safetensors");
    private static readonly int[] SingleTargets = Fixture["single.targets"].ToArray().Select(v => (int)v).ToArray();

    [Theory]
    [InlineData("gce_q0.7_mean", "gce", 0.7, 0.0, Reduction.Mean, null)]
    [InlineData("gce_q0.3_none", "gce", 0.3, 0.0, Reduction.None, null)]
    [InlineData("gce_q1_sum", "gce", 1.0, 0.0, Reduction.Sum, null)]
    [InlineData("gce_multi_hard_q0.7_mean", "gce", 0.7, 0.0, Reduction.Mean, "multi.hard")]
    [InlineData("gce_multi_soft_q0.5_none", "gce", 0.5, 0.0, Reduction.None, "multi.soft")]
    [InlineData("sce_a0.1_b1_mean", "sce", 0.1, 1.0, Reduction.Mean, null)]
    [InlineData("sce_a1_b0.5_none", "sce", 1.0, 0.5, Reduction.None, null)]
    [InlineData("sce_multi_hard_a0.1_b1_mean", "sce", 0.1, 1.0, Reduction.Mean, "multi.hard")]
    [InlineData("sce_multi_soft_a0.5_b0.5_sum", "sce", 0.5, 0.5, Reduction.Sum, "multi.soft")]
    public void MatchesPyTorchValuesAndGradients(string name, string kind, double first, double second, Reduction reduction, string? multiLabelTargets)
    {
        var logits = Fixture[multiLabelTargets is null ? "single.logits" : "multi.logits"].Clone();
        logits.RequiresGrad = true;
        var loss = Loss(kind, first, second, reduction, multiLabelTargets)(logits);
        Ops.Sum(loss * Fixture[name + ".weights"]).Backward();
        double valueError = Fixtures.MaxScaledError(loss.Detach(), Fixture[name + ".loss"]);
        double gradientError = Fixtures.MaxScaledError(logits.Grad!, Fixture[name + ".grad"]);
        output.WriteLine($"{name}: value error {valueError:E2}, gradient error {gradientError:E2}");
        Assert.True(valueError <= 1e-5, $"{name}: loss differs from PyTorch by {valueError:E2} (scaled)");
        Assert.True(gradientError <= 1e-5, $"{name}: gradient differs from PyTorch by {gradientError:E2} (scaled)");
    }

    [Theory]
    [InlineData("gce", 0.7, 0.0, null)]
    [InlineData("gce", 0.3, 0.0, "multi.soft")]
    [InlineData("sce", 0.1, 1.0, null)]
    [InlineData("sce", 0.5, 0.5, "multi.hard")]
    public void GradientsMatchFiniteDifferences(string kind, double first, double second, string? multiLabelTargets)
    {
        var loss = Loss(kind, first, second, Reduction.None, multiLabelTargets);
        // moderate logits: the fixture's saturated row sits where the SCE clamp makes the loss flat, not smooth
        var logits = Ops.Mul(Fixture[multiLabelTargets is null ? "single.logits" : "multi.logits"], 0.3f).Detach().Clone();
        GradCheck.CheckOp(x => loss(x[0]), [logits], step: 1e-2f, atol: 2e-3, rtol: 1e-2, what: $"{kind} {(multiLabelTargets ?? "single-label")}");
    }

    [Fact]
    public void GceSpansCrossEntropyAndMeanAbsoluteError()
    {
        var logits = Fixture["single.logits"];
        var crossEntropy = Ops.CrossEntropy(logits, SingleTargets, reduction: Reduction.None).ToArray();
        var nearZero = new GeneralizedCrossEntropyLoss(q: 1e-3, Reduction.None).Forward(logits, SingleTargets).ToArray();
        for (int i = 0; i < crossEntropy.Length; i++) Assert.Equal(crossEntropy[i], nearZero[i], 2e-2 * (1 + crossEntropy[i]));
        var p = Ops.Softmax(logits, 1).ToArray();
        var one = new GeneralizedCrossEntropyLoss(q: 1, Reduction.None).Forward(logits, SingleTargets).ToArray();
        for (int i = 0; i < one.Length; i++) Assert.Equal(1 - p[i * 5 + SingleTargets[i]], one[i], 1e-6);
    }

    [Fact]
    public void SceWithoutItsReverseTermIsScaledCrossEntropy()
    {
        var logits = Fixture["single.logits"];
        var expected = Ops.CrossEntropy(logits, SingleTargets).Item() * 0.5;
        Assert.Equal(expected, new SymmetricCrossEntropyLoss(alpha: 0.5, beta: 0).Forward(logits, SingleTargets).Item(), 1e-6);
    }

    [Fact]
    public void SaturatedLogitsGiveFiniteGradients()
    {
        var logits = Tensor.FromArray([60f, -60f, 0f, 45f], 2, 2);
        logits.RequiresGrad = true;
        var targets = Tensor.FromArray([0f, 1f, 1f, 0f], 2, 2);
        Ops.Add(new GeneralizedCrossEntropyLoss(0.5).ForwardMultiLabel(logits, targets), new SymmetricCrossEntropyLoss().ForwardMultiLabel(logits, targets)).Backward();
        Assert.All(logits.Grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"gradient {g}"));
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingThem()
    {
        Assert.Contains("q must lie in (0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneralizedCrossEntropyLoss(q: 0)).Message);
        Assert.Contains("alpha (-1) and beta (1)", Assert.Throws<ArgumentOutOfRangeException>(() => new SymmetricCrossEntropyLoss(alpha: -1)).Message);
        var logits = Tensor.Zeros(2, 3);
        Assert.Contains("[2, 3]", Assert.Throws<ShapeException>(() => new GeneralizedCrossEntropyLoss().ForwardMultiLabel(logits, Tensor.Zeros(2, 4))).Message);
        Assert.Contains("[2, 3]", Assert.Throws<ShapeException>(() => new SymmetricCrossEntropyLoss().ForwardMultiLabel(logits, Tensor.Zeros(3, 3))).Message);
        Assert.Contains("target 3", Assert.Throws<ArgumentOutOfRangeException>(() => new SymmetricCrossEntropyLoss().Forward(logits, [0, 3])).Message);
    }

    private static Func<Tensor, Tensor> Loss(string kind, double first, double second, Reduction reduction, string? multiLabelTargets)
    {
        if (kind == "gce")
        {
            var gce = new GeneralizedCrossEntropyLoss(first, reduction);
            return multiLabelTargets is null ? z => gce.Forward(z, SingleTargets) : z => gce.ForwardMultiLabel(z, Fixture[multiLabelTargets]);
        }
        var sce = new SymmetricCrossEntropyLoss(first, second, reduction);
        return multiLabelTargets is null ? z => sce.Forward(z, SingleTargets) : z => sce.ForwardMultiLabel(z, Fixture[multiLabelTargets]);
    }
}
