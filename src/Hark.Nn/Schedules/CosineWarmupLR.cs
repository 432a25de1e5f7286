using Hark.Nn.Optim;

namespace Hark.Nn.Schedules;

/// <summary>
/// Linear warm-up from 0 to the base rate over <c>warmupSteps</c>, then cosine decay to
/// <c>minLrRatio</c> * base rate at <c>totalSteps</c> (with cycles 0.5, a half cosine). With minLrRatio 0 this is
/// transformers' get_cosine_schedule_with_warmup, expressed in torch as a LambdaLR.
/// </summary>
public sealed class CosineWarmupLR : LrScheduler
{
    public CosineWarmupLR(Optimizer optimizer, int warmupSteps, int totalSteps, double minLrRatio = 0.0, double cycles = 0.5)
        : base(optimizer)
    {
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps)
            throw new ArgumentException($"CosineWarmupLR: need 0 <= warmupSteps <= totalSteps and totalSteps > 0; got warmupSteps {warmupSteps}, totalSteps {totalSteps}");
        if (!(minLrRatio >= 0 && minLrRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(minLrRatio), minLrRatio, "CosineWarmupLR: must lie in [0, 1]");
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinLrRatio = minLrRatio;
        Cycles = cycles;
        Start();
    }

    public int WarmupSteps { get; }
    public int TotalSteps { get; }
    public double MinLrRatio { get; }
    public double Cycles { get; }

    /// <summary>The multiplier of the base rate at <paramref name="step"/>.</summary>
    public double Factor(int step)
    {
        if (step < WarmupSteps) return (double)step / Math.Max(1, WarmupSteps);
        double progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        double cosine = Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * Cycles * 2.0 * progress)));
        return MinLrRatio + (1 - MinLrRatio) * cosine;
    }

    protected override double[] ComputeLearningRates(int epoch) => BaseLearningRates.Select(b => b * Factor(epoch)).ToArray();
}
