using System.Text;
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
        for (int clip = 0; clip < 2; clip++) WriteFloatWav(Path.Combine(clips, $"clip{clip}.wav"), fixture[$"{rate}.clip{clip}.input"].ToArray(), rate);

        var output = Path.Combine(folder, "emb.npy");
        EmbedWorkflow.Run(new EmbedRequest(clips, output, Weights: weights, Model: model), _ => { });
        var embeddings = Npy.Load(output).ToArray();
        var tags = TagWorkflow.Run(new TagRequest(weights, model, null, clips), _ => { });
        for (int clip = 0; clip < 2; clip++)
        {
            var expected = fixture[$"{rate}.clip{clip}.embedding"].ToArray();
            CloseRelative(expected, embeddings.AsSpan(clip * expected.Length, expected.Length).ToArray(), $"clip {clip} embedding");
            CloseRelative(fixture[$"{rate}.clip{clip}.clipwise"].ToArray(), tags.Probabilities[clip], $"clip {clip} clipwise probabilities");
        }
    }

    private static void CloseRelative(float[] expected, float[] actual, string what)
    {
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the expected values are all zero, so the comparison would prove nothing");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-3 * scale + 1e-3 * Math.Abs(expected[i]), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    // 32-bit float PCM (WAVE_FORMAT_IEEE_FLOAT), so the clip reaches the front end exactly as PyTorch had it
    private static void WriteFloatWav(string path, float[] samples, int rate)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Encoding.ASCII.GetBytes("RIFF"));
        writer.Write(36 + samples.Length * 4);
        writer.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
        writer.Write(16);
        writer.Write((short)3);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 4);
        writer.Write((short)4);
        writer.Write((short)32);
        writer.Write(Encoding.ASCII.GetBytes("data"));
        writer.Write(samples.Length * 4);
        foreach (var s in samples) writer.Write(s);
    }
}
