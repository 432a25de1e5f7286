using Hark.Tensors.Serialization;

namespace Hark.Tensors.Tests.Testing;

/// <summary>Golden tensors written by PyTorch (tests/Hark.Tensors.Tests/Fixtures/*.py), read from the source tree so CI needs no Python.</summary>
public static class Fixtures
{
    public static string Directory => Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Tensors.Tests", "Fixtures");

    public static Dictionary<string, Tensor> Load(string fileName) => SafeTensors.Load(Path.Combine(Directory, fileName));

    /// <summary>A fixture tensor holding integers (written as I64, read back as float) as an int array.</summary>
    public static int[] Ints(this Dictionary<string, Tensor> fixture, string name) => fixture[name].ToArray().Select(v => (int)v).ToArray();
}
