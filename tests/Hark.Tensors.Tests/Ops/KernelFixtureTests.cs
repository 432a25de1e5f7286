using Hark.Tensors.Backends;
using System.Text.Json;
using Hark.Tensors.Serialization;
using Hark.Tensors.Tests.Testing;

namespace Hark.Tensors.Tests.Ops;

/// <summary>
/// Conv2d, the pools, BatchNorm, Linear, MatMul and Bmm against PyTorch (Fixtures/generate_kernel_fixtures.py): forward
/// output, every input/weight/bias gradient and updated running statistics, at atol 1e-5 / rtol 1e-4. The parameters of
/// each case come from the fixture's metadata, so the generator is the single list of cases.
/// </summary>
public class KernelFixtureTests
{
    private static readonly Lazy<(Dictionary<string, Tensor> Tensors, Dictionary<string, JsonElement> Cases)> Fixture = new(() =>
    {
        var tensors = SafeTensors.Read(File.ReadAllBytes(Path.Combine(Testing.Fixtures.Directory, "kernels.safetensors")), out var metadata);
        return (tensors, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(metadata["cases"])!);
    });

    public static TheoryData<string> CaseNames() => new(Fixture.Value.Cases.Keys.Order());

    [Fact]
    public void FixtureCoversEveryHeavyOp()
    {
        var ops = Fixture.Value.Cases.Values.Select(c => c.GetProperty("op").GetString()).ToHashSet();
        Assert.Equal(["adaptive_avg_pool2d", "adaptive_max_pool2d", "avg_pool2d", "batch_norm", "bmm", "conv2d", "linear", "matmul", "max_pool2d"], ops.Order());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesPytorch(string name)
    {
        var (tensors, cases) = Fixture.Value;
        var spec = cases[name];
        var inputs = new List<Tensor>();
        for (int i = 0; tensors.ContainsKey($"{name}.x{i}"); i++)
            inputs.Add(new Tensor(new CpuStorage(tensors[$"{name}.x{i}"].ToArray()), tensors[$"{name}.x{i}"].Shape) { RequiresGrad = true });
        Tensor? runningMean = null, runningVar = null;
        if (tensors.ContainsKey($"{name}.running_mean"))
        {
            runningMean = tensors[$"{name}.running_mean"].Clone();
            runningVar = tensors[$"{name}.running_var"].Clone();
        }

        var output = Run(spec, inputs, runningMean, runningVar);
        TensorAssert.Close(tensors[$"{name}.out"], output, what: $"{name} output");
        output.Backward(tensors[$"{name}.dout"]);
        for (int i = 0; i < inputs.Count; i++)
            TensorAssert.Close(tensors[$"{name}.dx{i}"], inputs[i].Grad!, what: $"{name} gradient of input {i}");
        if (runningMean is not null)
        {
            TensorAssert.Close(tensors[$"{name}.running_mean_after"], runningMean, what: $"{name} running mean");
            TensorAssert.Close(tensors[$"{name}.running_var_after"], runningVar!, what: $"{name} running var");
        }
    }

    private static (int, int) Pair(JsonElement spec, string key)
    {
        var values = spec.GetProperty(key);
        return (values[0].GetInt32(), values[1].GetInt32());
    }

    private static Tensor Run(JsonElement spec, List<Tensor> x, Tensor? runningMean, Tensor? runningVar) => spec.GetProperty("op").GetString() switch
    {
        "conv2d" => Tensors.Ops.Conv2d(x[0], x[1], spec.GetProperty("bias").GetBoolean() ? x[2] : null,
            Pair(spec, "stride"), Pair(spec, "padding"), Pair(spec, "dilation"), spec.GetProperty("groups").GetInt32()),
        "max_pool2d" => Tensors.Ops.MaxPool2d(x[0], Pair(spec, "kernel"), Pair(spec, "stride"), Pair(spec, "padding")),
        "avg_pool2d" => Tensors.Ops.AvgPool2d(x[0], Pair(spec, "kernel"), Pair(spec, "stride"), Pair(spec, "padding")),
        "adaptive_avg_pool2d" => Tensors.Ops.AdaptiveAvgPool2d(x[0], Pair(spec, "size")),
        "adaptive_max_pool2d" => Tensors.Ops.AdaptiveMaxPool2d(x[0], Pair(spec, "size")),
        "batch_norm" => Tensors.Ops.BatchNorm(x[0], runningMean, runningVar,
            spec.GetProperty("affine").GetBoolean() ? x[1] : null, spec.GetProperty("affine").GetBoolean() ? x[2] : null,
            spec.GetProperty("training").GetBoolean(), spec.GetProperty("momentum").GetSingle(), spec.GetProperty("eps").GetSingle()),
        "linear" => Tensors.Ops.Linear(x[0], x[1], spec.GetProperty("bias").GetBoolean() ? x[2] : null),
        "matmul" => Tensors.Ops.MatMul(x[0], x[1]),
        "bmm" => Tensors.Ops.Bmm(x[0], x[1]),
        var op => throw new InvalidOperationException($"kernels.safetensors names an op this test does not know: {op}"),
    };
}
