using Hark.Training.Configuration;

namespace Hark.Workflows;

/// <summary>
/// Which weights a run keeps, and why. Validation rows that hold two classes or more choose the epoch that scores best
/// on them (recipe.best_metric); without any, every training row trains and the final epoch's weights are kept (the EMA
/// weights when recipe.ema_decay is on). When the data marks no split=val rows, data.validation says whether rows are
/// held out to choose the epoch; its default, auto, holds none out unless the recipe steers training by validation
/// scores (<see cref="ValidationRule"/>, which also gives the measurement behind it).
/// </summary>
public static class ModelSelection
{
    /// <summary>What <paramref name="splits"/> lead to, for config.yaml's model_selection, the log and the report.</summary>
    public static string Describe(RunConfig config, RunSplits splits, bool validationSelects)
    {
        if (config.Recipe.LinearProbe) return $"the linear probe's single fit on the {splits.Train.Length} training rows (validation rows are only scored)";
        string? auto = splits.Validation.Length == 0 || splits.HeldOut ? ValidationRule.Reason(config) : null;
        if (validationSelects)
            return $"best epoch by validation {config.Recipe.SelectionMetric(config.MultiLabel)} on {splits.ValidationSource}" + (auto is null ? "" : $"; {auto}");
        string weights = config.Recipe.EmaDecay > 0 ? "EMA weights" : "weights";
        string why = splits.Validation.Length > 0 ? $"{splits.ValidationSource} hold a single class, so they cannot choose an epoch"
            : $"the data marks no validation rows (split=val) and " + (auto ?? $"data.validation={config.Data.Validation} holds none out");
        return $"final epoch's {weights}, trained on all {splits.Train.Length} training rows: {why}";
    }

    /// <summary>The log line: <see cref="Describe"/> plus the setting that selects the other rule.</summary>
    public static string Message(string description, RunSplits splits) =>
        $"model selection: {description}" + (splits.HeldOut
            ? "; --set data.validation=column trains on every row and keeps the final epoch instead"
            : splits.Validation.Length == 0 ? "; --set data.validation=stratified holds out data.val_fraction of them and keeps the best epoch instead" : "");
}
