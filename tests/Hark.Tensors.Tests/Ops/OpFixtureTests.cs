using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Ops;

using static Hark.Tensors.Ops;

/// <summary>
/// Every functional op against PyTorch (Fixtures/generate_op_fixtures.py): the forward output and the gradient of every
/// float input, at atol 1e-5 / rtol 1e-4. Cases are defined here under the same names as in the generator.
/// </summary>
public class OpFixtureTests
{
    private static readonly Lazy<Dictionary<string, Tensor>> Fixture = new(() => Testing.Fixtures.Load("ops.safetensors"));

    private sealed record Case(Func<Tensor[], int[]?, Tensor> Op, int[] Constant);

    private static Case C(Func<Tensor[], Tensor> op, params int[] constant) => new((x, _) => op(x), constant);
    private static Case T(Func<Tensor[], int[], Tensor> op, params int[] constant) => new((x, t) => op(x, t!), constant);

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    private static Dictionary<string, Case> BuildCases()
    {
        var cases = new Dictionary<string, Case>();
        foreach (var (op, fn) in new (string, Func<Tensor, Tensor, Tensor>)[] { ("add", Add), ("sub", Sub), ("mul", Mul) })
            foreach (var shape in new[] { "same", "row", "outer", "scalar_tensor", "channels" })
                cases[$"{op}_{shape}"] = C(x => fn(x[0], x[1]));
        foreach (var shape in new[] { "same", "row", "outer", "channels" })
            cases[$"div_{shape}"] = C(x => Div(x[0], x[1]));
        cases["add_float"] = C(x => x[0] + 1.5f);
        cases["rsub_float"] = C(x => 1.5f - x[0]);
        cases["mul_float"] = C(x => x[0] * -0.75f);
        cases["div_float"] = C(x => x[0] / 3f);
        cases["rdiv_float"] = C(x => 2f / x[0]);
        foreach (var shape in new[] { "2d", "1d" })
        {
            cases[$"neg_{shape}"] = C(x => -x[0]);
            cases[$"exp_{shape}"] = C(x => Exp(x[0]));
            cases[$"log_{shape}"] = C(x => Log(x[0]));
            cases[$"sqrt_{shape}"] = C(x => Sqrt(x[0]));
            cases[$"abs_{shape}"] = C(x => Abs(x[0]));
            cases[$"pow2_{shape}"] = C(x => Pow(x[0], 2f));
            cases[$"pow3_{shape}"] = C(x => Pow(x[0], 3f));
            cases[$"pow_half_{shape}"] = C(x => Pow(x[0], 0.5f));
            cases[$"clamp_{shape}"] = C(x => Clamp(x[0], -0.5f, 0.7f));
            cases[$"relu_{shape}"] = C(x => Relu(x[0]));
            cases[$"leaky_relu_{shape}"] = C(x => LeakyRelu(x[0], 0.1f));
            cases[$"gelu_{shape}"] = C(x => Gelu(x[0]));
            cases[$"silu_{shape}"] = C(x => Silu(x[0]));
            cases[$"sigmoid_{shape}"] = C(x => Sigmoid(x[0]));
            cases[$"tanh_{shape}"] = C(x => Tanh(x[0]));
            cases[$"logsigmoid_{shape}"] = C(x => LogSigmoid(x[0]));
        }
        cases["softmax_last"] = C(x => Softmax(x[0], -1));
        cases["softmax_middle"] = C(x => Softmax(x[0], 1));
        cases["log_softmax_last"] = C(x => LogSoftmax(x[0], -1));
        cases["log_softmax_first"] = C(x => LogSoftmax(x[0], 0));

        cases["sum_all"] = C(x => Sum(x[0]));
        cases["sum_axis1_keep"] = C(x => Sum(x[0], [1], keepDim: true));
        cases["sum_axes02"] = C(x => Sum(x[0], [0, 2]));
        cases["sum_last"] = C(x => Sum(x[0], [-1]));
        cases["mean_all"] = C(x => Mean(x[0]));
        cases["mean_axes03_keep"] = C(x => Mean(x[0], [0, 3], keepDim: true));
        cases["mean_spatial"] = C(x => Mean(x[0], [2, 3]));
        cases["max_axis1"] = C(x => Max(x[0], 1));
        cases["max_last_keep"] = C(x => Max(x[0], -1, keepDim: true));
        cases["var_axis1"] = C(x => Var(x[0], [1]));
        cases["var_axes02_population_keep"] = C(x => Var(x[0], [0, 2], correction: 0, keepDim: true));

        cases["reshape"] = C(x => Reshape(x[0], 4, -1));
        cases["flatten"] = C(x => Flatten(x[0]));
        cases["permute"] = C(x => Permute(x[0], 2, 0, 1));
        cases["permute4"] = C(x => Permute(x[0], 0, 2, 3, 1));
        cases["transpose"] = C(x => Transpose(x[0], 0, 2));
        cases["cat_axis1"] = C(x => Cat(x, 1));
        cases["cat_axis0"] = C(x => Cat(x, 0));
        cases["stack_axis1"] = C(x => Stack(x, 1));
        cases["slice_middle"] = C(x => Slice(x[0], 1, 1, 4));
        cases["slice_last"] = C(x => Slice(x[0], -1, 2, int.MaxValue));
        cases["pad_two_axes"] = C(x => Pad(x[0], [1, 2, 0, 1], 0.5f));
        cases["pad_crop"] = C(x => Pad(x[0], [-1, 2]));

        cases["ce_mean"] = T((x, t) => CrossEntropy(x[0], t));
        cases["ce_sum"] = T((x, t) => CrossEntropy(x[0], t, reduction: Reduction.Sum));
        cases["ce_none"] = T((x, t) => CrossEntropy(x[0], t, reduction: Reduction.None));
        cases["ce_smoothing"] = T((x, t) => CrossEntropy(x[0], t, labelSmoothing: 0.1f));
        cases["ce_weight"] = T((x, t) => CrossEntropy(x[0], t, x[1]), 1);
        cases["ce_weight_smoothing"] = T((x, t) => CrossEntropy(x[0], t, x[1], 0.2f), 1);
        cases["ce_weight_smoothing_none"] = T((x, t) => CrossEntropy(x[0], t, x[1], 0.2f, Reduction.None), 1);
        cases["ce_weight_smoothing_sum"] = T((x, t) => CrossEntropy(x[0], t, x[1], 0.2f, Reduction.Sum), 1);
        cases["ce_soft"] = C(x => CrossEntropy(x[0], x[1]));
        cases["ce_soft_smoothing"] = C(x => CrossEntropy(x[0], x[1], labelSmoothing: 0.1f));
        cases["ce_soft_weight_none"] = C(x => CrossEntropy(x[0], x[1], x[2], reduction: Reduction.None));
        cases["ce_soft_weight_smoothing_sum"] = C(x => CrossEntropy(x[0], x[1], x[2], 0.3f, Reduction.Sum));

        cases["bce_mean"] = C(x => BinaryCrossEntropyWithLogits(x[0], x[1]));
        cases["bce_none"] = C(x => BinaryCrossEntropyWithLogits(x[0], x[1], reduction: Reduction.None));
        cases["bce_weight_sum"] = C(x => BinaryCrossEntropyWithLogits(x[0], x[1], weight: x[2], reduction: Reduction.Sum), 2);
        cases["bce_pos_weight"] = C(x => BinaryCrossEntropyWithLogits(x[0], x[1], posWeight: x[2]), 2);
        cases["bce_weight_pos_weight_none"] = C(x => BinaryCrossEntropyWithLogits(x[0], x[1], x[2], x[3], Reduction.None), 2, 3);
        cases["focal_mean"] = C(x => SigmoidFocalLoss(x[0], x[1]));
        cases["focal_no_alpha_sum"] = C(x => SigmoidFocalLoss(x[0], x[1], alpha: -1f, gamma: 1.5f, reduction: Reduction.Sum));
        cases["focal_none"] = C(x => SigmoidFocalLoss(x[0], x[1], alpha: 0.6f, gamma: 3f, reduction: Reduction.None));
        return cases;
    }

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ForwardAndEveryInputGradientMatchPytorch(string name)
    {
        var fixture = Fixture.Value;
        var (op, constant) = Cases[name];
        var inputs = new List<Tensor>();
        for (int i = 0; fixture.ContainsKey($"{name}.x{i}"); i++)
        {
            var x = fixture[$"{name}.x{i}"].Clone();
            x.RequiresGrad = !constant.Contains(i);
            inputs.Add(x);
        }
        Assert.NotEmpty(inputs);
        int[]? targets = fixture.ContainsKey($"{name}.targets") ? fixture.Ints($"{name}.targets") : null;

        var output = op([.. inputs], targets);
        TensorAssert.Close(fixture[$"{name}.out"], output, what: $"{name} output");
        output.Backward(fixture[$"{name}.dout"]);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (constant.Contains(i)) continue;
            var grad = inputs[i].Grad ?? Tensor.ZerosLike(inputs[i]);
            TensorAssert.Close(fixture[$"{name}.dx{i}"], grad, what: $"{name} gradient of input {i}");
        }
    }

    [Fact]
    public void EveryFixtureCaseHasADefinition()
    {
        var names = Fixture.Value.Keys.Where(k => k.EndsWith(".out")).Select(k => k[..^4]).ToHashSet();
        Assert.Equal(names.OrderBy(n => n), Cases.Keys.OrderBy(n => n));
    }
}
