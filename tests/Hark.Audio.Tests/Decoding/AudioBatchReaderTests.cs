namespace Hark.Audio.Tests.Decoding;

public class AudioBatchReaderTests
{
    private static readonly string[] Paths =
    [
        DecodingFixtures.AudioPath("wav_s16_1ch.wav"),
        DecodingFixtures.AudioPath("not_audio_text.wav"),
        DecodingFixtures.AudioPath("wav_s24_2ch.wav"),
        Path.Combine(DecodingFixtures.AudioFolder, "missing.wav"),
        DecodingFixtures.AudioPath("wav_f32_2ch.wav"),
    ];

    [Fact]
    public void Skip_reports_bad_files_and_keeps_the_good_ones_in_order()
    {
        var result = AudioBatchReader.ReadAll(Paths, BadFilePolicy.Skip);
        Assert.Equal([Paths[0], Paths[2], Paths[4]], result.Decoded.Select(d => d.Path));
        Assert.Equal([Paths[1], Paths[3]], result.Errors.Select(e => e.Path));
        Assert.Contains("not a recognised audio file", result.Errors[0].Reason);
        Assert.Contains("cannot read the file", result.Errors[1].Reason);
        Assert.Equal(AudioFile.Read(Paths[2]).Samples, result.Decoded[1].Waveform.Samples);
    }

    [Fact]
    public void Fail_throws_for_the_first_bad_file()
    {
        var error = Assert.Throws<AudioDecodeException>(() => AudioBatchReader.ReadAll(Paths, BadFilePolicy.Fail));
        Assert.Equal(Paths[1], error.FileName);
        var missing = Assert.Throws<AudioDecodeException>(() => AudioBatchReader.ReadAll([Paths[0], Paths[3]], BadFilePolicy.Fail));
        Assert.Equal(Paths[3], missing.FileName);
        Assert.IsAssignableFrom<IOException>(missing.InnerException);
    }

    [Fact]
    public void An_all_good_batch_has_no_errors_under_either_policy()
    {
        string[] good = [Paths[0], Paths[2]];
        Assert.Empty(AudioBatchReader.ReadAll(good, BadFilePolicy.Fail).Errors);
        Assert.Equal(2, AudioBatchReader.ReadAll(good, BadFilePolicy.Skip, maxDegreeOfParallelism: 1).Decoded.Count);
    }
}
