using Hark.Training.Configuration;

namespace Hark.Training.Tests.Configuration;

/// <summary><see cref="ValidationRule"/>: whether a run whose data marks no validation rows holds some out.</summary>
public class ValidationRuleTests
{
    [Fact]
    public void AutoIsTheDefaultAndTrainsOnEveryRowWhenTheRecipeSteersNothingByValidationScores()
    {
        var config = ConfigResolver.Resolve(null, [], "seed-audio");
        Assert.Equal(ValidationRule.Auto, config.Data.Validation);
        Assert.Equal("column", ValidationRule.Resolve(config));
        Assert.Equal("data.validation=auto trains on every row when the recipe steers nothing by validation scores", ValidationRule.Reason(config));
    }

    [Theory]
    [InlineData("keras-d", new string[0], "ReduceLROnPlateau and early stopping need")]
    [InlineData(null, new[] { "recipe.schedule=plateau" }, "ReduceLROnPlateau needs")]
    [InlineData(null, new[] { "recipe.early_stopping_patience=4" }, "early stopping needs")]
    public void AutoHoldsRowsOutWhenTheRecipeNeedsValidationScores(string? recipe, string[] overrides, string needs)
    {
        var config = ConfigResolver.Resolve(recipe, overrides, "seed-audio");
        Assert.Equal("stratified", ValidationRule.Resolve(config));
        Assert.Equal($"data.validation=auto holds rows out because the recipe's {needs} validation scores", ValidationRule.Reason(config));
    }

    [Theory]
    [InlineData("stratified")]
    [InlineData("group")]
    [InlineData("column")]
    [InlineData("none")]
    public void AnExplicitRuleIsKeptWhateverTheRecipe(string rule)
    {
        var config = ConfigResolver.Resolve("keras-d", [$"data.validation={rule}", "data.group_column=speaker"], "seed-audio");
        Assert.Equal(rule, ValidationRule.Resolve(config));
        Assert.Null(ValidationRule.Reason(config));
    }
}
