using Hark.Data;
using Hark.Data.Splits;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Training.Workflows;

/// <summary>
/// Which items train, validate and test a run: the split column names test (and validation, as val/valid/validation)
/// rows; everything else trains, with a validation set held out from it as data.validation says
/// (stratified, group, column = only the split column, none).
/// </summary>
public sealed record RunSplits(int[] Train, int[] Validation, int[] Test)
{
    private static readonly string[] validationNames = ["val", "valid", "validation"];

    public static RunSplits From(Dataset dataset, DataConfig config, ulong seed)
    {
        var test = dataset.IndicesOfSplit("test");
        var validation = validationNames.SelectMany(dataset.IndicesOfSplit).Order().ToArray();
        var taken = test.Concat(validation).ToHashSet();
        var train = Enumerable.Range(0, dataset.Count).Where(i => !taken.Contains(i)).ToArray();
        if (validation.Length > 0 || config.Validation is "column" or "none") return new RunSplits(train, validation, test);
        if (config.ValFraction <= 0 || config.ValFraction >= 1)
            throw new ConfigException($"data.val_fraction={config.ValFraction}: expected a fraction in (0, 1)");

        var subset = dataset.Subset(train);
        var generator = new Generator(seed ^ 0x5EED5EEDUL);
        DataSplit split = config.Validation switch
        {
            "stratified" when dataset.Kind == LabelKind.SingleLabel => StratifiedHoldOut.Split(subset.SingleLabels(), config.ValFraction, generator),
            "stratified" => MultilabelStratifiedHoldOut.Split(subset.MultiHot(), config.ValFraction, generator),
            "group" when config.GroupColumn is null => throw new ConfigException("data.validation=group needs data.group_column (e.g. speaker)"),
            "group" when dataset.Kind == LabelKind.SingleLabel => GroupHoldOut.Split(subset.SingleLabels(), subset.Groups(), config.ValFraction, generator),
            "group" => GroupHoldOut.Split(subset.MultiHot(), subset.Groups(), config.ValFraction, generator),
            _ => throw new ConfigException($"data.validation={config.Validation}: expected stratified, group, column or none"),
        };
        return new RunSplits(split.Train.Select(i => train[i]).ToArray(), split.Test.Select(i => train[i]).ToArray(), test);
    }
}
