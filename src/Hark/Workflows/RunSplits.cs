using Hark.Data;
using Hark.Data.Splits;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Workflows;

/// <summary>
/// Which items train, validate and test a run: the split column names test (and validation, as val/valid/validation)
/// rows; everything else trains, with a validation set held out from it as data.validation says (stratified, group;
/// column and none hold nothing out; auto is stratified or column by <see cref="ValidationRule"/>).
/// <paramref name="ValidationSource"/> says where the validation rows came from; <paramref name="HeldOut"/> is true when
/// they were held out from the training rows by data.validation.
/// </summary>
public sealed record RunSplits(int[] Train, int[] Validation, int[] Test, string ValidationSource, bool HeldOut = false)
{
    internal static readonly string[] ValidationNames = ["val", "valid", "validation"];

    public static RunSplits From(Dataset dataset, RunConfig run)
    {
        var config = run.Data;
        string rule = ValidationRule.Resolve(run);
        var test = dataset.IndicesOfSplit("test");
        var validation = ValidationNames.SelectMany(dataset.IndicesOfSplit).Order().ToArray();
        var taken = test.Concat(validation).ToHashSet();
        var train = Enumerable.Range(0, dataset.Count).Where(i => !taken.Contains(i)).ToArray();
        if (validation.Length > 0) return new RunSplits(train, validation, test, $"the {validation.Length} rows the split column marks val");
        if (rule is "column" or "none") return new RunSplits(train, validation, test, "");
        if (config.ValFraction <= 0 || config.ValFraction >= 1)
            throw new ConfigException($"data.val_fraction={config.ValFraction}: expected a fraction in (0, 1)");

        var subset = dataset.Subset(train);
        var generator = new Generator(run.Seed ^ 0x5EED5EEDUL);
        if (rule == "stratified" && dataset.Kind == LabelKind.SingleLabel)
            RequireTwoPerClass(dataset, train);
        DataSplit split;
        try
        {
            split = Split(dataset, rule, config, subset, generator);
        }
        catch (ArgumentException e)
        {
            string named = config.Validation == rule ? rule : $"{config.Validation} ({rule} for this recipe)";
            throw new ConfigException($"data.validation={named}: {e.Message}; mark validation rows with split=val in the CSV, "
                + $"or pass --set data.validation=column to train on every row and keep the final epoch");
        }
        return new RunSplits(split.Train.Select(i => train[i]).ToArray(), split.Test.Select(i => train[i]).ToArray(), test,
            $"the {split.Test.Length} rows held out from training (data.validation={rule}, data.val_fraction={config.ValFraction.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)})",
            HeldOut: true);
    }

    private static DataSplit Split(Dataset dataset, string rule, DataConfig config, Dataset subset, Generator generator) =>
        rule switch
        {
            "stratified" when dataset.Kind == LabelKind.SingleLabel => StratifiedHoldOut.Split(subset.SingleLabels(), config.ValFraction, generator),
            "stratified" => MultilabelStratifiedHoldOut.Split(subset.MultiHot(), config.ValFraction, generator),
            "group" when config.GroupColumn is null => throw new ConfigException("data.validation=group needs data.group_column (e.g. speaker)"),
            "group" when dataset.Kind == LabelKind.SingleLabel => GroupHoldOut.Split(subset.SingleLabels(), subset.Groups(), config.ValFraction, generator),
            "group" => GroupHoldOut.Split(subset.MultiHot(), subset.Groups(), config.ValFraction, generator),
            _ => throw new ConfigException($"data.validation={rule}: expected auto, stratified, group, column or none"),
        };

    /// <summary>A stratified hold-out needs two training rows of every class; a class with one is named with its file.</summary>
    private static void RequireTwoPerClass(Dataset dataset, int[] train)
    {
        var lonely = train.GroupBy(i => dataset.Items[i].Labels[0]).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        if (lonely.Count == 0) return;
        var named = lonely.Take(5).Select(i => $"'{dataset.Labels.Names[dataset.Items[i].Labels[0]]}' ({dataset.Items[i].Origin})");
        throw new ConfigException($"{lonely.Count} class(es) have a single training clip: {string.Join(", ", named)}; a stratified validation split needs "
            + "at least 2 per class. Add clips of those classes, mark validation rows with split=val in the CSV, or pass --set data.validation=column "
            + "to train on every row and keep the final epoch");
    }

    /// <summary>One line for every class of <paramref name="dataset"/> that no training row carries (it can then never be predicted).</summary>
    public IEnumerable<string> ClassesWithoutTrainingRows(Dataset dataset)
    {
        var trained = Train.SelectMany(i => dataset.Items[i].Labels).ToHashSet();
        var elsewhere = Validation.Concat(Test).ToLookup(i => dataset.Items[i].Labels.FirstOrDefault(-1));
        for (int c = 0; c < dataset.Labels.Count; c++)
            if (!trained.Contains(c))
            {
                string where = elsewhere[c].Any() ? $" (only validation or test rows, e.g. {dataset.Items[elsewhere[c].First()].Origin})" : "";
                yield return $"warning: class '{dataset.Labels.Names[c]}' has no training rows{where}; the model can never predict it";
            }
    }

    /// <summary>
    /// Whether the validation rows can choose the best epoch: single-label data needs at least two classes among them
    /// (on one class every epoch scores the same, and on none there is nothing to choose on).
    /// </summary>
    public bool ValidationCanSelect(Dataset dataset) =>
        Validation.Length > 0 && (dataset.Kind != LabelKind.SingleLabel || Validation.Select(i => dataset.Items[i].Labels[0]).Distinct().Count() >= 2);
}
