using Hark.Nn.Optim;
using Hark.Tensors;

namespace Hark.Nn.Tests;

public class OptimizerStateTests
{
    private static Tensor[] Parameters(ulong seed)
    {
        var g = new Generator(seed);
        return [Random(g, 3, 4), Random(g, 5)];
    }

    private static Tensor Random(Generator g, params int[] shape)
    {
        var t = Tensor.FromArray(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)g.NextGaussian()).ToArray(), shape);
        t.RequiresGrad = true;
        return t;
    }

    private static void SetGradients(Tensor[] parameters, int step)
    {
        foreach (var p in parameters)
            p.Grad = Tensor.FromArray(p.ToArray().Select((v, i) => MathF.Sin(v * (step + 1) + i)).ToArray(), p.Shape);
    }

    public static TheoryData<string> Optimizers => new() { "adamw", "adam", "sgd" };

    private static Optimizer Create(string kind, Tensor[] parameters) => kind switch
    {
        "adamw" => new AdamW(parameters, lr: 0.01, weightDecay: 0.1),
        "adam" => new Adam(parameters, lr: 0.01),
        _ => new Sgd(parameters, lr: 0.05, momentum: 0.9, nesterov: true),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Restored_state_continues_exactly_like_the_original(string kind)
    {
        var original = Parameters(1);
        var optimizer = Create(kind, original);
        for (int step = 0; step < 3; step++) { SetGradients(original, step); optimizer.Step(); }

        var copy = original.Select(p => { var c = p.Clone(); c.RequiresGrad = true; return c; }).ToArray();
        var restored = Create(kind, copy);
        restored.LoadStateDict(optimizer.StateDict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Clone())).ToList());

        for (int step = 3; step < 6; step++)
        {
            SetGradients(original, step); optimizer.Step();
            SetGradients(copy, step); restored.Step();
        }
        for (int i = 0; i < original.Length; i++) Assert.Equal(original[i].ToArray(), copy[i].ToArray());
    }

    [Fact]
    public void State_of_the_wrong_shape_names_the_entry()
    {
        var parameters = Parameters(2);
        var optimizer = new AdamW(parameters);
        SetGradients(parameters, 0);
        optimizer.Step();
        var state = optimizer.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        state["0.exp_avg"] = Tensor.Zeros(2, 2);
        var error = Assert.Throws<ArgumentException>(() => new AdamW(Parameters(2)).LoadStateDict(state));
        Assert.Contains("0.exp_avg", error.Message);
    }
}
