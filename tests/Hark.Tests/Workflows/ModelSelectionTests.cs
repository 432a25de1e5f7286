using Hark.Training.Configuration;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

/// <summary>What a run says about the weights it keeps, for each source of validation rows.</summary>
public class ModelSelectionTests
{
    private static readonly RunSplits withoutValidation = new([0, 1, 2, 3], [], [4], "");

    [Fact]
    public void WithoutValidationRowsTheFinalEmaWeightsAreKeptAndTheSettingForAHoldOutIsNamed()
    {
        var config = ConfigResolver.Resolve(null, ["data.validation=column"], "seed-audio");
        var description = ModelSelection.Describe(config, withoutValidation, validationSelects: false);
        Assert.Equal("final epoch's EMA weights, trained on all 4 training rows: the data marks no validation rows (split=val) and data.validation=column holds none out", description);
        Assert.EndsWith("--set data.validation=stratified holds out data.val_fraction of them and keeps the best epoch instead", ModelSelection.Message(description, withoutValidation));
    }

    [Fact]
    public void WithoutEmaTheFinalEpochsOwnWeightsAreNamed()
    {
        var config = ConfigResolver.Resolve(null, ["recipe.ema_decay=0", "data.validation=none"], "seed-audio");
        Assert.StartsWith("final epoch's weights, trained on all 4 training rows: the data marks no validation rows (split=val) and data.validation=none",
            ModelSelection.Describe(config, withoutValidation, validationSelects: false));
    }

    [Fact]
    public void ValidationRowsFromTheSplitColumnChooseTheBestEpochByTheRecipesMetric()
    {
        var splits = new RunSplits([0, 1], [2, 3], [4], "the 2 rows the split column marks val");
        var config = ConfigResolver.Resolve("mixup-b", [], "seed-audio");
        var description = ModelSelection.Describe(config, splits, validationSelects: true);
        Assert.Equal("best epoch by validation accuracy on the 2 rows the split column marks val", description);
        Assert.Equal("model selection: " + description, ModelSelection.Message(description, splits));
        var heldOut = splits with { HeldOut = true };
        Assert.Contains("--set data.validation=column trains on every row", ModelSelection.Message(description, heldOut));
        config.MultiLabel = true;
        config.Recipe.BestMetric = "auto";
        Assert.Contains("validation lwlrap", ModelSelection.Describe(config, splits, validationSelects: true));
    }
}
