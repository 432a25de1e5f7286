using Hark.Pretrained;
using Hark.Tensors.Serialization;

namespace Hark.Tests.Pretrained;

/// <summary>
/// `hark embed --weights` and `hark predict --weights` against PANNs' whole pipeline in PyTorch: the clips, width-1
/// Cnn14 weights and expected embeddings and clip probabilities of tests/Hark.Models.Tests/Fixtures/panns_pipeline.safetensors
/// (generate_panns_fixtures.py: torchlibrosa-equivalent extractor + PANNs' Cnn14 / Cnn14_16k), the clips written as
/// float WAV files, the weights as a checkpoint file. Within 1e-3 relative, as the model-level pipeline test.
/// </summary>
public class PannsPipelineEmbedTests
{
    [Theory]
    [InlineData("cnn14", 32000)]
    [InlineData("cnn14-16k", 16000)]
    public void EmbeddingAndTagsOfAudioFilesMatchPannsInPytorch(string model, int rate)
    {
        var fixture = SafeTensors.Load(Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Models.Tests", "Fixtures", "panns_pipeline.safetensors"));
        var folder = Directory.CreateTempSubdirectory("hark-test-").FullName;
        var weights = Path.Combine(folder, "cnn14.safetensors");
        SafeTensors.Save(weights, fixture.Where(kv => kv.Key.StartsWith("state.")).Select(kv => KeyValuePair.Create(kv.Key["state.".Length..], kv.Value)));
        var clips = Path.Combine(folder, "clips");
        Directory.CreateDirectory(clips);
        for (int clip = 0; clip < 2; clip++) FloatWav.Write(Path.Combine(clips, $"clip{clip}.wav"), fixture[$"{rate}.clip{clip}.input"].ToArray(), rate);

        var output = Path.Combine(folder, "emb.npy");
        EmbedWorkflow.Run(new EmbedRequest(clips, output, Weights: weights, Model: model), _ => { });
        var embeddings = Npy.Load(output).ToArray();
        var tags = TagWorkflow.Run(new TagRequest(weights, model, null, clips), _ => { });
        for (int clip = 0; clip < 2; clip++)
        {
            var expected = fixture[$"{rate}.clip{clip}.embedding"].ToArray();
            Close.Relative(expected, embeddings.AsSpan(clip * expected.Length, expected.Length).ToArray(), $"clip {clip} embedding");
            Close.Relative(fixture[$"{rate}.clip{clip}.clipwise"].ToArray(), tags.Probabilities[clip], $"clip {clip} clipwise probabilities");
        }
    }
}
