using Hark.Audio.FrontEnds;
using Hark.Tensors;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

/// <summary>
/// Audio in, embedding out: Hark's PANNs front end (<see cref="FrontEnd.Panns32k"/>, <see cref="FrontEnd.Panns16k"/>)
/// and model against PANNs' whole pipeline in PyTorch (Fixtures/generate_panns_fixtures.py, panns_pipeline.safetensors:
/// a width-1 Cnn14 body behind PANNs' 32 kHz extractor as Cnn14 and its 16 kHz one as Cnn14_16k, clips of 0.5 and 0.33 s).
/// The embedding and clip probabilities must agree within 1e-3 relative (|diff| &lt;= 1e-3 max|expected| + 1e-3 |expected|).
/// </summary>
public sealed class PannsPipelineTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cnn14", 32000)]
    [InlineData("cnn14-16k", 16000)]
    public void WaveformToEmbeddingMatchesPannsInPyTorch(string modelName, int rate)
    {
        var fixture = ModelFixtures.Load("panns_pipeline.safetensors");
        var frontEnd = new FrontEnd(FrontEnd.Preset(ModelZoo.FrontEndPreset(modelName)!));
        var model = (PannsClassifier)ModelZoo.Create(new ModelConfig { Name = modelName, Width = 1 }, new ModelInputs(5), new Generator(1));
        model.LoadPannsStateDict(fixture.Under("state."), loadHead: true);
        model.Eval();
        var report = new ParityReport(output, modelName);
        for (int clip = 0; clip < 2; clip++)
        {
            var expected = fixture.Under($"{rate}.clip{clip}.");
            var features = frontEnd.Apply(expected["input"].ToArray(), rate);
            report.Close(expected["logmel"], features, $"clip {clip} log-mel (dB)", atol: 1e-3, rtol: 0);
            var batch = Ops.Reshape(features, 1, 1, features.Shape[0], features.Shape[1]);
            CloseRelative(report, expected["embedding"], model.Embed([batch]), $"clip {clip} embedding");
            CloseRelative(report, expected["clipwise"], Ops.Sigmoid(model.Forward([batch])), $"clip {clip} clipwise probabilities");
        }
    }

    private static void CloseRelative(ParityReport report, Tensor expected, Tensor actual, string what)
    {
        double scale = expected.ToArray().Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the expected values are all zero, so the comparison would prove nothing");
        report.Close(expected, actual, what, atol: 1e-3 * scale, rtol: 1e-3);
    }
}
