using Hark.Tensors;
using Hark.Tensors.Serialization;

namespace Hark.Audio.Tests.Decoding;

/// <summary>
/// The files and expected samples written by Fixtures/generate_decoding_fixtures.py (soundfile's float32 reads).
/// Fixtures are read from the source tree, so nothing needs copying to the build output.
/// </summary>
public static class DecodingFixtures
{
    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Audio.Tests", "Fixtures");

    public static string AudioFolder => Path.Combine(Folder, "audio");

    public static string AudioPath(string name) => Path.Combine(AudioFolder, name);

    private static readonly Lazy<(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata)> audioExpected = new(() =>
    {
        var tensors = SafeTensors.Read(File.ReadAllBytes(Path.Combine(Folder, "audio_expected.safetensors")), out var metadata);
        return (tensors, metadata);
    });

    /// <summary>soundfile's samples ([frames, channels]) and rate for a file, or null when soundfile rejected it.</summary>
    public static (Tensor Samples, int SampleRate)? SoundfileRead(string name)
    {
        var (tensors, metadata) = audioExpected.Value;
        string description = metadata[name];
        if (!description.StartsWith("rate=")) return null;
        return (tensors[name], int.Parse(description["rate=".Length..]));
    }

    /// <summary>Fixtures soundfile reads as zero frames, which Hark refuses (<see cref="DecodedAudioChecks.NoSamplesReason"/>).</summary>
    public static bool HoldsNoFrames(string name) => SoundfileRead(name) is { } read && read.Samples.Shape[0] == 0;

    /// <summary>The samples written for a layout soundfile rejects but Hark accepts.</summary>
    public static Tensor Intended(string name) => audioExpected.Value.Tensors["intended/" + name];

    public static IEnumerable<string> AudioFiles(Func<string, bool> where) =>
        Directory.GetFiles(AudioFolder).Select(Path.GetFileName).Select(n => n!).Where(where).Order();

    public static TheoryData<string> Names(Func<string, bool> where) => new(AudioFiles(where));
}
