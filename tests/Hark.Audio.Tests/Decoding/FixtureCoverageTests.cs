namespace Hark.Audio.Tests.Decoding;

/// <summary>The parity theories enumerate the fixture folder; this pins the variants they must include.</summary>
public class FixtureCoverageTests
{
    [Fact]
    public void EveryDocumentedVariantHasAFixtureWithSoundfileSamples()
    {
        string[] required =
        [
            "wav_u8_1ch.wav", "wav_s16_1ch.wav", "wav_s16_2ch.wav", "wav_s16_6ch.wav", "wav_s24_2ch.wav", "wav_s24_3ch.wav",
            "wav_s32_1ch.wav", "wav_f32_2ch.wav", "wav_f64_1ch.wav",
            "wavex_u8_1ch.wav", "wavex_s16_2ch.wav", "wavex_s24_4ch.wav", "wavex_s32_1ch.wav", "wavex_f32_2ch.wav", "wavex_f64_2ch.wav",
            "wavex_s20in24_2ch.wav",
            "layout_list_junk_fact_before_fmt.wav", "layout_odd_chunk_padded.wav", "layout_chunks_after_data.wav",
            "layout_riff_size_wrong.wav", "layout_streaming_sizes_ffffffff.wav", "layout_truncated_data.wav",
            "layout_partial_last_frame.wav", "layout_empty_data.wav", "layout_data_size_zero_then_samples.wav",
            "sndfile_pcm16_2ch.flac", "sndfile_pcm24_1ch.flac", "sndfile_vorbis_2ch.ogg", "sndfile_mp3_1ch.mp3",
            "sndfile_pcm16_2ch.aiff", "sndfile_float_1ch.aifc", "sndfile_ulaw_1ch.wav", "sndfile_ima_adpcm_1ch.wav",
            "sndfile_pcm16_1ch.au", "sndfile_rf64_pcm24_2ch.wav", "sndfile_w64_float_2ch.w64",
        ];
        var missing = required.Where(n => !File.Exists(DecodingFixtures.AudioPath(n)) || DecodingFixtures.SoundfileRead(n) is null).ToArray();
        Assert.True(missing.Length == 0, $"fixtures missing or without soundfile samples: {string.Join(", ", missing)}");
        Assert.Null(DecodingFixtures.SoundfileRead("not_audio_text.wav"));
    }

    [Fact]
    public void EveryPngColourTypeAndDepthHasPlainAndInterlacedFixtures()
    {
        string[] kinds = ["gray_1bit", "gray_2bit", "gray_4bit", "gray_8bit", "gray_16bit", "gray_alpha_8bit", "gray_alpha_16bit",
            "rgb_8bit", "rgb_16bit", "rgba_8bit", "rgba_16bit", "palette_1bit", "palette_2bit", "palette_4bit", "palette_8bit",
            "palette_4bit_trns", "palette_8bit_trns"];
        var missing = kinds.SelectMany(k => new[] { $"{k}.png", $"{k}_adam7.png" })
            .Where(n => !File.Exists(Images.ImageFixtures.PngPath(n))).ToArray();
        Assert.True(missing.Length == 0, $"PNG fixtures missing: {string.Join(", ", missing)}");
    }
}
