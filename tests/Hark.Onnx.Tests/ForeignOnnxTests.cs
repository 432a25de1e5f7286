using Hark.Data;
using Hark.Onnx.Runtime;
using Hark.Pretrained;
using Hark.Tensors.Serialization;

namespace Hark.Onnx.Tests;

/// <summary>
/// A foreign ONNX model, PANNs' Cnn14 exported by torch.onnx.export (Fixtures/generate_foreign_cnn14.py: log-mel in,
/// PANNs' layout), through `hark predict` and `hark embed` with --front-end panns32k: PyTorch's outputs of PANNs' whole
/// pipeline (tests/Hark.Models.Tests/Fixtures/panns_pipeline.safetensors, the same weights) within 1e-3 relative.
/// </summary>
public sealed class ForeignOnnxTests
{
    private static readonly string Model = Path.Combine(AppContext.BaseDirectory, "Fixtures", "foreign_cnn14.onnx");

    public ForeignOnnxTests() => OnnxRuntimeEngine.Register();

    [Fact]
    public void APannsExportFromPytorchTagsAndEmbedsAsPytorchDoes()
    {
        var fixture = SafeTensors.Load(Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Models.Tests", "Fixtures", "panns_pipeline.safetensors"));
        var folder = Directory.CreateTempSubdirectory("hark-test-").FullName;
        var clips = Path.Combine(folder, "clips");
        Directory.CreateDirectory(clips);
        for (int clip = 0; clip < 2; clip++) FloatWav.Write(Path.Combine(clips, $"clip{clip}.wav"), fixture[$"32000.clip{clip}.input"].ToArray(), 32000);
        var labels = Path.Combine(folder, "labels.csv");
        File.WriteAllLines(labels, ["index,mid,display_name", .. Enumerable.Range(0, 5).Select(i => $"{i},/m/{i},sound {i}")]);

        var tags = TagWorkflow.Run(new TagRequest(Model, null, labels, clips, FrontEnd: "panns32k"), _ => { });
        var output = Path.Combine(folder, "emb.npy");
        EmbedWorkflow.Run(new EmbedRequest(clips, output, Weights: Model, FrontEnd: "panns32k"), _ => { });
        var embeddings = Npy.Load(output).ToArray();
        Assert.Equal("sound 0", tags.Classes[0]);
        for (int clip = 0; clip < 2; clip++)
        {
            Close.Relative(fixture[$"32000.clip{clip}.clipwise"].ToArray(), tags.Probabilities[clip], $"clip {clip} clipwise probabilities");
            var expected = fixture[$"32000.clip{clip}.embedding"].ToArray();
            Close.Relative(expected, embeddings.AsSpan(clip * expected.Length, expected.Length).ToArray(), $"clip {clip} embedding");
        }
    }

    [Fact]
    public void AFrontEndWithOtherMelBinsIsRefusedNamingTheInputShape()
    {
        var error = Assert.Throws<ConfigException>(() => ForeignOnnxModel.Open(Model, "librosa", null));
        Assert.Contains("input 'logmel' is [?, 1, ?, 64]", error.Message);
        Assert.Contains("128 mel bins", error.Message);
    }

    [Fact]
    public void AnUnknownPresetIsNamed()
    {
        var error = Assert.Throws<ConfigException>(() => ForeignOnnxModel.Open(Model, "panns48k", null));
        Assert.Contains("panns48k", error.Message);
    }

    [Fact]
    public void AHarkExportIsNotTakenForAForeignModelWithoutItsMetadata()
    {
        var error = Assert.Throws<ConfigException>(() => OnnxRuntimeEngine.Open(Model));
        Assert.Contains("--front-end", error.Message);
    }
}
