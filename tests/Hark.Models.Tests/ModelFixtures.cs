using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Models.Tests;

/// <summary>Golden files written by Fixtures/generate_model_fixtures.py (PyTorch 1.13), read from the source tree so CI needs no Python.</summary>
public static class ModelFixtures
{
    public static string Directory => Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Models.Tests", "Fixtures");

    public static Dictionary<string, Tensor> Load(string fileName) => SafeTensors.Load(Path.Combine(Directory, fileName));

    /// <summary>The entries under <paramref name="prefix"/>, with the prefix removed, in file order.</summary>
    public static OrderedDictionary<string, Tensor> Under(this IEnumerable<KeyValuePair<string, Tensor>> fixture, string prefix)
    {
        var entries = new OrderedDictionary<string, Tensor>();
        foreach (var (key, value) in fixture)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) entries.Add(key[prefix.Length..], value);
        return entries;
    }
}
