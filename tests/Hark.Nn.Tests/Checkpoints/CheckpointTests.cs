using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Nn.Tests.Checkpoints;

public class CheckpointTests
{
    [Fact]
    public void ATorchSavedStateDictLoadsWithItsKeysOrderDtypesAndStrides()
    {
        var loaded = PyTorchCheckpoint.LoadStateDict(Fixtures.PathOf("small_state_dict.pth"));
        var expected = Fixtures.Load("small_state_dict.safetensors");
        Assert.Equal(
        [
            "features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "features.1.running_mean",
            "features.1.running_var", "features.1.num_batches_tracked", "head.weight", "head.bias",
            "extra.double", "extra.half", "extra.int", "extra.transposed",
        ], loaded.Keys);
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value.Shape, loaded[key].Shape);
            Assert.Equal(value.ToArray(), loaded[key].ToArray());
        }
        Assert.Equal(0, loaded["features.1.num_batches_tracked"].Rank);
        Assert.Equal(1f, loaded["features.1.num_batches_tracked"].Item());
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], loaded["extra.transposed"].ToArray());
    }

    [Fact]
    public void APickleThatCallsOsSystemIsRefusedByName()
    {
        var error = Assert.Throws<FormatException>(() => PyTorchCheckpoint.LoadStateDict(Fixtures.PathOf("malicious.pth")));
        Assert.Contains("refused global 'posix.system'", error.Message);
        Assert.Contains("malicious.pth", error.Message);
    }

    [Fact]
    public void SafetensorsRoundTripOfAModuleIsBitExactAndKeepsScalarBuffers()
    {
        var source = new ToyNet(new Generator(1));
        source.StateDict()["features.1.num_batches_tracked"].Span[0] = 12;
        var path = Path.Combine(Path.GetTempPath(), $"hark-roundtrip-{Environment.ProcessId}.safetensors");
        try
        {
            StateDictFile.Save(path, source);
            var target = new ToyNet(new Generator(2));
            StateDictFile.Load(path, target);
            foreach (var (key, value) in source.StateDict())
            {
                Assert.Equal(value.Shape, target.StateDict()[key].Shape);
                Assert.Equal(value.ToArray().Select(BitConverter.SingleToInt32Bits), target.StateDict()[key].ToArray().Select(BitConverter.SingleToInt32Bits));
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LoadingACheckpointOfAnotherModelNamesTheFileAndTheKeys()
    {
        var error = Assert.Throws<StateDictException>(() => StateDictFile.Load(Fixtures.PathOf("small_state_dict.pth"), new ToyNet(new Generator(1))));
        Assert.Contains("small_state_dict.pth", error.Message);
        Assert.Contains("unexpected keys", error.Message);
        Assert.Contains("missing keys", error.Message);
    }
}
