using Hark.Audio.Export;

namespace Hark.Audio.Tests.Decoding;

/// <summary><see cref="AudioFile.Duration"/>: a WAV's headers give the same duration as decoding the whole file.</summary>
public class AudioDurationTests
{
    /// <summary>The fixtures Hark decodes on this machine (those needing libsndfile only where it is installed).</summary>
    public static TheoryData<string> Readable => DecodingFixtures.Names(Decodes);

    private static bool Decodes(string name)
    {
        try
        {
            using var mono = AudioFile.ReadMonoRented(DecodingFixtures.AudioPath(name));
            return true;
        }
        catch (AudioDecodeException) { return false; }
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void DurationEqualsTheDecodedFramesOverTheRate(string name)
    {
        var path = DecodingFixtures.AudioPath(name);
        using var mono = AudioFile.ReadMonoRented(path);
        Assert.Equal(mono.Duration, AudioFile.Duration(path), 9);
    }

    [Fact]
    public void ALongWavIsTimedFromItsHeaderWhateverItsLength()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hark-duration-").FullName, "long.wav");
        WavWriter.WritePcm16(path, new float[44100 * 7 + 441], 44100, channels: 1);
        Assert.Equal(7.01, AudioFile.Duration(path), 9);
    }
}
