using Hark.Nn.Optim;
using Hark.Nn.Schedules;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Nn.Tests;

/// <summary>A run stopped and resumed from saved optimiser, schedule and EMA state continues exactly as the uninterrupted one.</summary>
public class ResumeTests
{
    private static Tensor[] Parameters(int seed) =>
        [Initializers.Normal(Tensor.Zeros(3, 4), 0, 1, new Generator((ulong)seed)), Initializers.Normal(Tensor.Zeros(5), 0, 1, new Generator((ulong)seed + 1))];

    private static void SetGradients(Tensor[] parameters, int step)
    {
        var g = new Generator(100 + (ulong)step);
        foreach (var p in parameters) p.Grad = Initializers.Normal(Tensor.ZerosLike(p), 0, 1, g);
    }

    private static Dictionary<string, Tensor> ThroughSafeTensors(IEnumerable<KeyValuePair<string, Tensor>> state)
    {
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, state);
        return SafeTensors.Read(stream.ToArray(), out _);
    }

    public static TheoryData<string> Optimizers => ["sgd", "adamw"];

    private static Optimizer Build(string name, Tensor[] p) => name == "sgd"
        ? new Sgd([new ParameterGroup([p[0]], learningRate: 0.05), new ParameterGroup([p[1]])], lr: 0.1, momentum: 0.9, weightDecay: 0.01)
        : new AdamW([new ParameterGroup([p[0]]), new ParameterGroup([p[1]], weightDecay: 0)], lr: 1e-2);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerAndOneCycleResumeWhereTheyStopped(string name)
    {
        var straight = Parameters(1);
        var optimizer = Build(name, straight);
        var schedule = new OneCycleLR(optimizer, maxLr: 0.1, totalSteps: 10);
        for (int step = 0; step < 10; step++)
        {
            SetGradients(straight, step);
            optimizer.Step();
            schedule.Step();
        }

        var first = Parameters(1);
        var firstOptimizer = Build(name, first);
        var firstSchedule = new OneCycleLR(firstOptimizer, maxLr: 0.1, totalSteps: 10);
        for (int step = 0; step < 4; step++)
        {
            SetGradients(first, step);
            firstOptimizer.Step();
            firstSchedule.Step();
        }
        var saved = ThroughSafeTensors(firstOptimizer.StateDict());

        var resumed = first.Select(p => p.Clone()).ToArray();
        var resumedOptimizer = Build(name, resumed);
        var resumedSchedule = new OneCycleLR(resumedOptimizer, maxLr: 0.1, totalSteps: 10);
        resumedOptimizer.LoadStateDict(saved);
        resumedSchedule.Resume(firstSchedule.LastEpoch);
        for (int step = 4; step < 10; step++)
        {
            SetGradients(resumed, step);
            resumedOptimizer.Step();
            resumedSchedule.Step();
        }
        for (int i = 0; i < straight.Length; i++)
            Assert.Equal(straight[i].ToArray(), resumed[i].ToArray(), (a, b) => Math.Abs(a - b) <= 1e-6f * (1 + Math.Abs(a)));
    }

    [Fact]
    public void OptimizerStateNamesFollowTorchAndMismatchesAreReported()
    {
        var p = Parameters(1);
        var adam = new AdamW(p);
        SetGradients(p, 0);
        adam.Step();
        var state = adam.StateDict();
        Assert.Contains("state.0.exp_avg_sq", state.Keys);
        Assert.Equal(1f, state["state.1.step"].Item());
        Assert.Contains("param_groups.0.lr", state.Keys);

        var other = new AdamW([Tensor.Zeros(4, 3), Tensor.Zeros(5)]);
        Assert.Throws<ShapeException>(() => other.LoadStateDict(state));
        Assert.Throws<StateDictException>(() => new AdamW([Tensor.Zeros(3, 4)]).LoadStateDict(state));
        state.Add("bogus", Tensor.Zeros(1));
        Assert.Throws<StateDictException>(() => new AdamW(Parameters(2)).LoadStateDict(state));
    }

    [Fact]
    public void PlateauStateAndEmaStateRoundTrip()
    {
        var optimizer = new Sgd(Parameters(1), lr: 0.1);
        var plateau = new ReduceLROnPlateau(optimizer, patience: 1);
        plateau.Step(1.0);
        plateau.Step(2.0);
        var copy = new ReduceLROnPlateau(optimizer, patience: 1) { State = plateau.State };
        Assert.Equal(plateau.State, copy.State);
        Assert.True(copy.Step(3.0));

        var net = new ToyNet(new Generator(1));
        var ema = new WeightEma(net, decay: 0.9);
        ema.Update();
        ema.Update();
        var restored = new WeightEma(net, decay: 0.9);
        restored.Load(ema.StateDict(), ema.Updates);
        Assert.Equal(ema.CurrentDecay, restored.CurrentDecay);
        Assert.Equal(ema.StateDict()["heads.0.weight"].ToArray(), restored.StateDict()["heads.0.weight"].ToArray());
    }
}
