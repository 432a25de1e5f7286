using Hark.Data;
using Hark.Training.Configuration;
using YamlDotNet.RepresentationModel;

namespace Hark.Training.Tests.Configuration;

public class ConfigKeysTests
{
    [Fact]
    public void EveryCatalogRecipeAndItsWrittenConfigPassTheChecks()
    {
        foreach (var name in RecipeCatalog.Names)
        {
            var config = ConfigResolver.Resolve(name, [], "seed-audio");
            config.InputShapes = [[1, 64, 101]];
            config.FrontEnd = FrontEndResolver.ToSection(FrontEndResolver.Resolve(config.FrontEnd));
            var stream = new YamlStream();
            stream.Load(new StringReader(ConfigYaml.Serialize(config)));
            ConfigKeys.CheckFile((YamlMappingNode)stream.Documents[0].RootNode, $"{name}.yaml");
            RunConfigChecks.Validate(config);
        }
    }

    [Theory]
    [InlineData("recipe.epochs=12")]
    [InlineData("recipe.lr=3e-4")]
    [InlineData("recipe.nesterov=true")]
    [InlineData("recipe.augment.spec_augment.fill=mean")]
    [InlineData("recipe.augment.time_flip=null")]
    [InlineData("recipe.mix={mixup_alpha: 0.2, prob: 0.5}")]
    [InlineData("recipe.waveform_augment.time_shift.mode=zero")]
    [InlineData("model.width=null")]
    [InlineData("data.group_column=speaker")]
    [InlineData("front_end.n_mels=128")]
    [InlineData("input_shapes=[[1, 64, 101]]")]
    [InlineData("seed=42")]
    public void WellFormedOverridesPass(string assignment)
    {
        ConfigKeys.CheckOverride(assignment);
        ConfigResolver.Resolve("seed-audio", [assignment], "seed-audio");
    }

    [Theory]
    [InlineData("recipe.epochs.max=3", "recipe.epochs is a value, not a section")]
    [InlineData("recipe.optimizer=[adam]", "a single value")]
    [InlineData("recipe.mix=null", "keys of its own")]
    [InlineData("seed=-1", "a whole number >= 0")]
    [InlineData("recipe.augment.spec_augment.fill=blue", "one of zero, mean")]
    [InlineData("recipe.optimiser=sgd", "did you mean recipe.optimizer?")]
    [InlineData("lr=0.1", "did you mean recipe.lr?")]
    [InlineData("data.cache_dir=[", "a single value")]
    [InlineData("input_shapes=[", "is not a valid one")]
    [InlineData("recipe.mix={mixup_alpa: 0.2}", "did you mean recipe.mix.mixup_alpha?")]
    [InlineData("recipe.mix={", "is not a valid one")]
    public void MalformedOverridesNameTheKeyAndWhatItTakes(string assignment, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", [assignment], "seed-audio"));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("Hark.", error.Message);
    }

    [Theory]
    [InlineData("recipe.early_stopping_patience=-1", "recipe.early_stopping_patience=-1")]
    [InlineData("recipe.label_smoothing=1", "recipe.label_smoothing=1")]
    [InlineData("recipe.ema_decay=1.5", "recipe.ema_decay=1.5")]
    [InlineData("data.val_fraction=0", "data.val_fraction=0")]
    [InlineData("tta.crops=-1", "tta.crops=-1")]
    [InlineData("model.dropout=1", "model.dropout=1")]
    [InlineData("model.image_size=4", "model.image_size=4")]
    [InlineData("model.width_multiplier=0", "model.width_multiplier=0")]
    [InlineData("model.drop_path=1", "model.drop_path=1")]
    [InlineData("recipe.schedule=linear", "recipe.schedule=linear")]
    [InlineData("recipe.class_weights=balanced", "recipe.class_weights=balanced")]
    [InlineData("front_end.n_mels=0", "n_mels")]
    [InlineData("recipe.augment.spec_augment.p=2", "recipe.augment.spec_augment.p")]
    [InlineData("recipe.waveform_augment.gain.p=-1", "recipe.waveform_augment.gain")]
    public void OutOfRangeValuesAreRefusedWhenTheConfigIsResolved(string assignment, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", [assignment], "seed-audio"));
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("bf16")]
    [InlineData("fp16")]
    public void MixedPrecisionIsAcceptedAsAKeyButRefusedUntilItIsImplemented(string precision)
    {
        Assert.Equal(Precision.Fp32, ConfigResolver.Resolve("seed-audio", ["recipe.precision=fp32"], "seed-audio").Recipe.Precision);
        var error = Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", [$"recipe.precision={precision}"], "seed-audio"));
        Assert.Contains($"recipe.precision={precision}", error.Message);
        Assert.Contains("expected fp32", error.Message);
        Assert.Contains("not implemented", error.Message);
        Assert.Contains("one of fp32, bf16, fp16",
            Assert.Throws<ConfigException>(() => ConfigResolver.Resolve("seed-audio", ["recipe.precision=fp8"], "seed-audio")).Message);
    }

    [Fact]
    public void TheDemoRecipeIsWhatHarkDemoTrains()
    {
        var demo = ConfigResolver.Resolve("demo", [], "seed-audio");
        var seed = ConfigResolver.Resolve("seed-audio", [], "seed-audio");
        Assert.Equal((16, 10, 16, 0.2f), (demo.Model.Width, demo.Recipe.Epochs, demo.Recipe.BatchSize, demo.Data.ValFraction));
        Assert.Equal(seed.Model.Name, demo.Model.Name);
        Assert.Equal(seed.FrontEnd["preset"], demo.FrontEnd["preset"]);
    }

    [Fact]
    public void TheDefaultAudioRecipeIsSeedAudioWithoutSpecAugmentAndSeedAudioKeepsThePeersMasks()
    {
        var seed = ConfigResolver.Resolve("seed-audio", [], "seed-audio");
        var byDefault = ConfigResolver.Resolve(null, [], RecipeCatalog.DefaultAudio);
        Assert.Equal(RecipeCatalog.DefaultAudio, byDefault.Recipe.Name);
        Assert.Null(byDefault.Recipe.Augment.SpecAugment);
        // the peer (../shared/bench/peer_torch_train.py): p 0.7, one frequency mask below 8 bins, one time mask below 12 frames
        var masks = seed.Recipe.Augment.SpecAugment!;
        Assert.Equal((0.7f, 1, 8, 1, 12), (masks.P, masks.FreqMasks, masks.FreqMaskParam, masks.TimeMasks, masks.TimeMaskParam));

        // apart from the augmentation and the name, the two recipes serialise the same
        byDefault.Recipe.Augment = seed.Recipe.Augment;
        byDefault.Recipe.Name = seed.Recipe.Name;
        Assert.Equal(ConfigYaml.Serialize(seed), ConfigYaml.Serialize(byDefault));

        // a --set key of the section switches SpecAugment back on
        Assert.Equal(0.7f, ConfigResolver.Resolve(null, ["recipe.augment.spec_augment.p=0.7"], RecipeCatalog.DefaultAudio).Recipe.Augment.SpecAugment!.P);
    }

    [Theory]
    [InlineData("epochz", "epochs")]
    [InlineData("n_melz", "n_mels")]
    [InlineData("banana", null)]
    public void ClosestNameSuggestsOnlyNearTypos(string typed, string? expected) =>
        Assert.Equal(expected, ClosestName.Find(typed, ["epochs", "n_mels", "batch_size"]));
}
