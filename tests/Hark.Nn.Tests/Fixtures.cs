using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Nn.Tests;

internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static Dictionary<string, Tensor> Load(string name) => SafeTensors.Load(PathOf(name));

    /// <summary>max |a - b| / (1 + |b|) over all elements.</summary>
    public static double MaxScaledError(Tensor actual, Tensor expected)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var a = actual.ToArray();
        var b = expected.ToArray();
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / (1 + Math.Abs(b[i])));
        return worst;
    }
}
