using Hark.Data;
using Hark.Audio.FrontEnds;
using Hark.Training.Configuration;
using Hark.Features.Extraction;

namespace Hark.Training.Tests.Configuration;

public class FrontEndResolverTests
{
    [Fact]
    public void PresetOverridesChangeOnlyTheNamedParameters()
    {
        var config = FrontEndResolver.Resolve(new Dictionary<string, object> { ["preset"] = "panns32k", ["n_mels"] = "128", ["f_max"] = "15000" });
        var preset = FrontEnd.Panns32k;
        Assert.Equal(128, config.NMels);
        Assert.Equal(15000, config.FMax);
        Assert.Equal(preset.NFft, config.NFft);
        Assert.Equal(preset.HopLength, config.HopLength);
        Assert.NotEqual(preset.ParameterHash, config.ParameterHash);
    }

    [Fact]
    public void UnknownParameterListsTheKnownOnes()
    {
        var error = Assert.Throws<ConfigException>(() => FrontEndResolver.Resolve(new Dictionary<string, object> { ["n_melz"] = "3" }));
        Assert.Contains("n_melz", error.Message);
        Assert.Contains("n_mels", error.Message);
    }

    [Theory]
    [InlineData("seed-audio")]
    [InlineData("librosa")]
    [InlineData("torchaudio")]
    [InlineData("panns32k")]
    [InlineData("panns16k")]
    [InlineData("seed001")]
    public void WrittenSectionResolvesBackToTheSameParameters(string preset)
    {
        var config = FrontEndResolver.Resolve(new Dictionary<string, object> { ["preset"] = preset });
        var section = FrontEndResolver.ToSection(config);
        var yaml = ConfigYaml.Serialize(new RunConfig { FrontEnd = section });
        var back = FrontEndResolver.Resolve(ConfigYaml.Deserialize<RunConfig>(yaml, "test").FrontEnd);
        Assert.Equal(config.ParameterHash, back.ParameterHash);
    }

    [Fact]
    public void ASetOverrideOfTheClipLengthKeepsTheRestOfThePolicy()
    {
        var run = ConfigResolver.Resolve("seed-audio", ["front_end.length.seconds=2.0"], "seed-audio");
        var config = FrontEndResolver.Resolve(run.FrontEnd);
        Assert.Equal(2.0, config.Length!.Seconds);
        Assert.Equal(32000, config.Length.Samples(config.SampleRate));
        Assert.Equal(FrontEnd.SeedAudio.Length!.Crop, config.Length.Crop);
        Assert.Equal(FrontEnd.SeedAudio.NMels, config.NMels);
    }
}
