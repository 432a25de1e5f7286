using Hark.Audio.Tests.Fuzzing;
using Hark.Tensors;

namespace Hark.Audio.Tests.Decoding;

/// <summary>
/// Damaged variants of every audio fixture (seeded) each decode to samples or raise an <see cref="AudioDecodeException"/>:
/// no other exception, no crash, no hang. Files for libsndfile are included when the library is installed.
/// </summary>
public class AudioFuzzTests
{
    private const int VariantsPerFile = 40;

    [Fact]
    public void DamagedAudioFilesDecodeOrRaiseAudioDecodeException()
    {
        var sources = DecodingFixtures.AudioFiles(n => LibSndFile.Shared is not null || !n.StartsWith("sndfile_"))
            .Select(n => (Name: n, Bytes: File.ReadAllBytes(DecodingFixtures.AudioPath(n)))).ToArray();
        int decoded = 0, rejected = 0;
        var unexpected = new List<string>();
        var run = Task.Run(() =>
        {
            var generator = new Generator(20261123);
            foreach (var (name, bytes) in sources)
                for (int v = 0; v < VariantsPerFile; v++)
                {
                    var damaged = ByteMutator.Mutate(bytes, generator);
                    try
                    {
                        var waveform = AudioFile.Read(new MemoryStream(damaged), $"{name}#{v}");
                        Assert.Equal(waveform.Frames * waveform.Channels, waveform.Samples.Length);
                        decoded++;
                    }
                    catch (AudioDecodeException e)
                    {
                        Assert.Equal($"{name}#{v}", e.FileName);
                        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                        rejected++;
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        unexpected.Add($"{name}#{v}: {e.GetType().Name}: {e.Message}");
                    }
                }
        });
        Assert.True(run.Wait(TimeSpan.FromMinutes(5)), "the fuzz run hung (no result within five minutes)");
        Assert.Empty(unexpected);
        Assert.True(decoded + rejected >= 1000, $"only {decoded + rejected} variants ran");
        Assert.True(decoded > 0 && rejected > 0, $"decoded {decoded}, rejected {rejected}: the mutations should produce both");
    }
}
