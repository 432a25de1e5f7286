using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Tests.Augmentation;

/// <summary>The tensors written by Fixtures/generate_vocoder_fixtures.py (torch 1.13 / torchaudio 0.13.1), read from the source tree.</summary>
internal static class VocoderFixtures
{
    private static readonly Lazy<Dictionary<string, Tensor>> tensors = new(() =>
        SafeTensors.Load(Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Audio.Tests", "Augmentation", "Fixtures", "vocoder_expected.safetensors")));

    public const int SampleRate = 8000;

    public static float[] Get(string name) => tensors.Value[name].ToArray();

    public static Tensor Tensor(string name) => tensors.Value[name];
}
