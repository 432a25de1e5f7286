using Hark.Training.Configuration;

namespace Hark.Workflows;

/// <summary>
/// Which weights a run keeps, and why. Validation rows that hold two classes or more choose the epoch that scores best
/// on them (recipe.best_metric); without any, every training row trains and the final epoch's weights are kept (the EMA
/// weights when recipe.ema_decay is on). When the data marks no split=val rows, the default (data.validation=stratified)
/// holds out 15% of the training rows to choose the epoch; data.validation=column trains on every row instead. Measured
/// for issue 16 (seed-audio, 12 epochs, AMD EPYC): on EMO-DB's speaker split the hold-out scored 0.607/0.561/0.598/0.589
/// test accuracy over seeds 0-3 against 0.533/0.607/0.486/0.617 for every row and the final EMA weights (means 0.589 and
/// 0.561); the environmental-sound set went the other way (0.644 against 0.688). The hold-out's best epoch was 9-11 of 12,
/// so refitting on every row for that many epochs would cost a second run for nearly the final-epoch rule.
/// </summary>
public static class ModelSelection
{
    /// <summary>What <paramref name="splits"/> lead to, for config.yaml's model_selection, the log and the report.</summary>
    public static string Describe(RunConfig config, RunSplits splits, bool validationSelects)
    {
        if (config.Recipe.LinearProbe) return $"the linear probe's single fit on the {splits.Train.Length} training rows (validation rows are only scored)";
        if (validationSelects) return $"best epoch by validation {config.Recipe.SelectionMetric(config.MultiLabel)} on {splits.ValidationSource}";
        string weights = config.Recipe.EmaDecay > 0 ? "EMA weights" : "weights";
        string why = splits.Validation.Length > 0 ? $"{splits.ValidationSource} hold a single class, so they cannot choose an epoch"
            : $"the data marks no validation rows (split=val) and data.validation={config.Data.Validation} holds none out";
        return $"final epoch's {weights}, trained on all {splits.Train.Length} training rows: {why}";
    }

    /// <summary>The log line: <see cref="Describe"/> plus why a hold-out is the default and the setting that selects the other rule.</summary>
    public static string Message(string description, RunSplits splits) =>
        $"model selection: {description}" + (splits.HeldOut
            ? "; the data marks no validation rows (split=val), and on EMO-DB a held-out best epoch scored higher than the final epoch of "
              + "a run on every row (see the README); --set data.validation=column trains on every row and keeps the final epoch instead"
            : splits.Validation.Length == 0 ? "; --set data.validation=stratified holds out data.val_fraction of them and keeps the best epoch instead" : "");
}
