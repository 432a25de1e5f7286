using System.Text.Json;
using Hark.Nn.Optim;
using Hark.Nn.Schedules;
using Hark.Tensors;

namespace Hark.Nn.Tests;

/// <summary>Learning-rate (and momentum) sequences against torch 1.13's schedulers (Fixtures/schedules.json).</summary>
public class ScheduleTests
{
    private sealed record Sequence(double[][] Lr, double[][] Momentum, double[]? Metrics);

    private static readonly Dictionary<string, Sequence> fixture = JsonSerializer.Deserialize<Dictionary<string, Sequence>>(
        File.ReadAllText(Fixtures.PathOf("schedules.json")), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    private static Sgd TwoGroupSgd() => new([new ParameterGroup([Tensor.Zeros(1)], learningRate: 0.1), new ParameterGroup([Tensor.Zeros(1)], learningRate: 0.2)],
        lr: 0.1, momentum: 0.9);

    private static AdamW AdamW() => new([Tensor.Zeros(1)], lr: 1e-3, weightDecay: 1e-4);

    private static void AssertSequence(string name, Optimizer optimizer, Action<int> step)
    {
        var expected = fixture[name];
        for (int i = 0; i < expected.Lr.Length; i++)
        {
            for (int g = 0; g < optimizer.ParameterGroups.Count; g++)
            {
                var group = optimizer.ParameterGroups[g];
                Assert.True(Math.Abs(group.LearningRate - expected.Lr[i][g]) <= 1e-12 + 1e-9 * expected.Lr[i][g], $"{name} step {i} group {g}: lr {group.LearningRate} vs {expected.Lr[i][g]}");
                double momentum = optimizer.UsesBetas ? group.Beta1 : group.Momentum;
                Assert.True(Math.Abs(momentum - expected.Momentum[i][g]) <= 1e-12, $"{name} step {i} group {g}: momentum {momentum} vs {expected.Momentum[i][g]}");
            }
            step(i);
        }
    }

    [Fact]
    public void OneCycleWithAdamwCyclesLrAndBeta1LikeTorch()
    {
        var optimizer = AdamW();
        var schedule = new OneCycleLR(optimizer, maxLr: 3e-3, totalSteps: 50, pctStart: 0.3, finalDivFactor: 100);
        AssertSequence("onecycle_adamw", optimizer, _ => schedule.Step());
    }

    [Fact]
    public void OneCycleThreePhaseLinearWithPerGroupMaxLrAndSgdMomentum()
    {
        var optimizer = TwoGroupSgd();
        var schedule = new OneCycleLR(optimizer, maxLr: [0.1, 0.2], epochs: 4, stepsPerEpoch: 10, annealStrategy: AnnealStrategy.Linear, threePhase: true, divFactor: 10);
        AssertSequence("onecycle_sgd_linear_three_phase", optimizer, _ => schedule.Step());
    }

    [Fact]
    public void OneCycleRefusesToStepPastItsTotal()
    {
        var schedule = new OneCycleLR(AdamW(), maxLr: 1e-3, totalSteps: 3);
        for (int i = 0; i < 3; i++) schedule.Step();
        Assert.Throws<InvalidOperationException>(schedule.Step);
    }

    [Fact]
    public void CosineWithWarmupMatchesTheLambdaLrFormula()
    {
        var optimizer = TwoGroupSgd();
        var schedule = new CosineWarmupLR(optimizer, warmupSteps: 5, totalSteps: 30);
        AssertSequence("cosine_warmup", optimizer, _ => schedule.Step());

        var adam = AdamW();
        var floor = new CosineWarmupLR(adam, warmupSteps: 3, totalSteps: 20, minLrRatio: 0.1);
        AssertSequence("cosine_warmup_floor", adam, _ => floor.Step());
    }

    [Fact]
    public void StepLrDecaysEveryStepSizeSteps()
    {
        var optimizer = TwoGroupSgd();
        var schedule = new StepLR(optimizer, stepSize: 3, gamma: 0.5);
        AssertSequence("step", optimizer, _ => schedule.Step());
    }

    [Fact]
    public void ReduceOnPlateauMinRelWithCooldownAndPerGroupFloor()
    {
        var optimizer = TwoGroupSgd();
        var schedule = new ReduceLROnPlateau(optimizer, [0.01, 0.05], factor: 0.5, patience: 2, threshold: 0.01, cooldown: 1);
        var metrics = fixture["plateau_min"].Metrics!;
        AssertSequence("plateau_min", optimizer, i => schedule.Step(metrics[i]));
    }

    [Fact]
    public void ReduceOnPlateauMaxAbs()
    {
        var optimizer = AdamW();
        var schedule = new ReduceLROnPlateau(optimizer, mode: PlateauMode.Max, factor: 0.3, patience: 1, threshold: 0.01, thresholdMode: ThresholdMode.Abs);
        var metrics = fixture["plateau_max_abs"].Metrics!;
        AssertSequence("plateau_max_abs", optimizer, i => schedule.Step(metrics[i]));
    }
}
