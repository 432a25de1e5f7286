using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Nn.Tests.Checkpoints;

/// <summary>
/// The layouts and formats torch.save writes (Fixtures/make_checkpoint_fixtures.py): PANNs'
/// <c>{'iteration', 'model', 'sampler'}</c> with numpy values, and the legacy format of torch &lt; 1.6, each loading to
/// the same tensors as the plain state dict small_state_dict.pth; files of no known format, and weights holding NaN, are refused with a clear error.
/// </summary>
public sealed class CheckpointFormatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hark-formats-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Fixture(string name) => Fixtures.PathOf(Path.Combine("checkpoints", name));

    [Theory]
    [InlineData("plain_legacy.pth")]
    [InlineData("panns_layout.pth")]
    [InlineData("panns_layout_legacy.pth")]
    public void EveryLayoutAndFormatLoadsTheStateDictTorchSaved(string file)
    {
        var expected = Fixtures.Load("small_state_dict.safetensors");
        var loaded = PyTorchCheckpoint.LoadStateDict(Fixture(file));
        Assert.Equal(PyTorchCheckpoint.LoadStateDict(Fixtures.PathOf("small_state_dict.pth")).Keys, loaded.Keys);
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value.Shape, loaded[key].Shape);
            Assert.Equal(value.ToArray(), loaded[key].ToArray());
        }
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], loaded["extra.transposed"].ToArray());
        Assert.Equal(1f, loaded["features.1.num_batches_tracked"].Item());
    }

    [Fact]
    public void StateDictFileReadsLegacyAndZipFilesAlike()
    {
        var zip = StateDictFile.Read(Fixture("panns_layout.pth")).ToList();
        var legacy = StateDictFile.Read(Fixture("panns_layout_legacy.pth")).ToList();
        Assert.Equal(zip.Select(kv => kv.Key), legacy.Select(kv => kv.Key));
        foreach (var ((_, a), (_, b)) in zip.Zip(legacy)) Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e }, "magic number")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, 5, 6, 7, 8 }, "tried safetensors")]
    [InlineData(new byte[] { 0x08, 0, 0, 0, 0, 0, 0, 0x50, 0x19, 0x2e }, "tried safetensors")]
    public void AFileOfNoKnownFormatSaysWhichFormatsWereTried(byte[] content, string expected)
    {
        var path = Path.Combine(folder, "unknown.pth");
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<FormatException>(() => StateDictFile.Read(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains("legacy", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void WeightsHoldingNanOrInfinityAreRefusedNamingTheTensor(float broken)
    {
        var path = Path.Combine(folder, "broken.safetensors");
        var weights = new float[] { 1, 2, broken, 4, 5, 6 };
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["head.bias"] = Tensor.FromArray([0f], 1), ["head.weight"] = Tensor.FromArray(weights, 2, 3) });
        var error = Assert.Throws<FormatException>(() => StateDictFile.Read(path));
        Assert.Contains("'head.weight' [2, 3]", error.Message);
        Assert.Contains("NaN or infinite", error.Message);
    }

    [Fact]
    public void AShapeMismatchListsTheKeyAndBothShapesAsAFormatError()
    {
        var model = new ToyNet(new Generator(1));
        var state = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        var (key, original) = state.First(kv => kv.Value.Shape.Length == 2);
        state[key] = Tensor.Zeros(original.Shape[0] + 1, original.Shape[1]);
        var path = Path.Combine(folder, "mismatch.safetensors");
        SafeTensors.Save(path, state);
        FormatException error = Assert.Throws<StateDictException>(() => StateDictFile.Load(path, new ToyNet(new Generator(2))));
        Assert.Contains(key, error.Message);
        Assert.Contains($"checkpoint {ShapeException.Format(state[key].Shape)} vs model {ShapeException.Format(original.Shape)}", error.Message);
        Assert.StartsWith(path, error.Message);
    }
}
