using Hark.Data;
using Hark.Evaluation.Reports;
using Hark.Training.Configuration;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>Tracks the best epoch by one validation metric (higher is better, except loss) for checkpoint selection and early stopping.</summary>
public sealed class BestEpochSelector(string metric)
{
    private readonly bool lowerIsBetter = metric == "loss";

    public int BestEpoch { get; private set; }
    public double BestValue { get; private set; } = double.NaN;
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records an epoch; true when it is the best so far. Without a validation score every epoch counts as best (the last one is kept).</summary>
    public bool Offer(EpochRecord record)
    {
        double value = metric == "loss" ? record.ValidationLoss : record.ValidationMetrics.GetValueOrDefault(metric, double.NaN);
        if (record.ValidationMetrics.Count > 0 && metric != "loss" && !record.ValidationMetrics.ContainsKey(metric))
            throw new ConfigException($"recipe.best_metric={metric} is not computed for this data; available: loss, {string.Join(", ", record.ValidationMetrics.Keys)}");
        bool better = !double.IsFinite(value) || double.IsNaN(BestValue) || (lowerIsBetter ? value < BestValue : value > BestValue);
        if (better)
        {
            BestEpoch = record.Epoch;
            BestValue = value;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        return better;
    }
}
