using Hark.Data;
using Hark.Training.Configuration;
using Hark.Features.Extraction;

namespace Hark.Training.Tests.Configuration;

public class WaveformAugmentConfigTests
{
    private static readonly string[] pitchAndStretch =
    [
        "recipe.waveform_augment.pitch_shift.p=0.4", "recipe.waveform_augment.pitch_shift.max_steps=3",
        "recipe.waveform_augment.time_stretch.min_rate=0.9", "recipe.waveform_augment.noise.min_snr_db=20",
    ];

    [Fact]
    public void EveryNamedRecipeLeavesWaveformAugmentationOff()
    {
        foreach (var name in RecipeCatalog.Names)
            Assert.Null(WaveformAugmenter.FromOptions(ConfigResolver.Resolve(name, [], "seed-audio").Recipe.WaveformAugment));
    }

    [Fact]
    public void OverridesSwitchSectionsOnWithDefaultsForTheKeysNotGivenAndReadBackFromYaml()
    {
        var config = ConfigResolver.Resolve("seed-audio", pitchAndStretch, "seed-audio");
        var options = config.Recipe.WaveformAugment;
        Assert.Equal(0.4f, options.PitchShift!.P);
        Assert.Equal(3f, options.PitchShift.MaxSteps);
        Assert.Equal(-2f, options.PitchShift.MinSteps);
        Assert.Equal(0.9f, options.TimeStretch!.MinRate);
        Assert.Equal(0.5f, options.TimeStretch.P);
        Assert.Equal(20f, options.Noise!.MinSnrDb);
        Assert.Null(options.Gain);
        Assert.Null(options.TimeShift);
        Assert.NotNull(WaveformAugmenter.FromOptions(config.Recipe.WaveformAugment));

        var written = ConfigYaml.Serialize(config);
        var read = ConfigYaml.Deserialize<RunConfig>(written, "config.yaml");
        Assert.Equal(options, read.Recipe.WaveformAugment);
        Assert.Equal(written, ConfigYaml.Serialize(read));
    }

    [Fact]
    public void YamlFileSectionsAreRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hark-recipe-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "base: seed-audio\nrecipe:\n  waveform_augment:\n    gain:\n      p: 1\n      min_gain_db: -3\n      max_gain_db: 3\n    time_shift:\n      max_seconds: 0.2\n      mode: zero\n");
        try
        {
            var options = ConfigResolver.Resolve(path, [], "seed-audio").Recipe.WaveformAugment;
            Assert.Equal(1f, options.Gain!.P);
            Assert.Equal(-3f, options.Gain.MinGainDb);
            Assert.Equal(0.2f, options.TimeShift!.MaxSeconds);
            Assert.Equal(Hark.Audio.Augmentation.ShiftMode.Zero, options.TimeShift.Mode);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("recipe.waveform_augment.pitch_shift.p=1.5", "recipe.waveform_augment.pitch_shift.p")]
    [InlineData("recipe.waveform_augment.gain.p=-0.1", "recipe.waveform_augment.gain.p")]
    [InlineData("recipe.waveform_augment.time_stretch.max_rate=0.5", "recipe.waveform_augment.time_stretch.min_rate/max_rate")]
    [InlineData("recipe.waveform_augment.time_stretch.min_rate=0", "recipe.waveform_augment.time_stretch.min_rate")]
    [InlineData("recipe.waveform_augment.noise.max_snr_db=5", "recipe.waveform_augment.noise.min_snr_db/max_snr_db")]
    [InlineData("recipe.waveform_augment.pitch_shift.vocoder.n_fft=1", "recipe.waveform_augment.pitch_shift: phase_vocoder.n_fft")]
    [InlineData("recipe.waveform_augment.pitch_shift.resampling.rolloff=2", "recipe.waveform_augment.pitch_shift: ResamplerOptions: rolloff")]
    [InlineData("recipe.waveform_augment.time_shift.max_seconds=-1", "recipe.waveform_augment.time_shift.max_seconds")]
    public void BadValuesAreConfigErrorsNamingTheKey(string assignment, string key)
    {
        // Resolving checks the sections (before any data is read) with the same validation the augmenter runs.
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", [assignment], "seed-audio"));
        Assert.Contains(key, error.Message);
        var recipe = ConfigYaml.Deserialize<RunConfig>(ConfigYaml.Serialize(RecipeCatalog.Get("seed-audio")), "seed-audio", [assignment]).Recipe;
        Assert.Contains(key, Assert.Throws<ConfigException>(() => WaveformAugmenter.FromOptions(recipe.WaveformAugment)).Message);
    }

    [Fact]
    public void UnknownKeyInASectionIsAnErrorNamingIt()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", ["recipe.waveform_augment.pitch_shift.semitones=2"], "seed-audio"));
        Assert.Contains("semitones", error.Message);
    }
}
