using Hark.Nn.Optim;

namespace Hark.Nn.Schedules;

/// <summary>
/// torch.optim.lr_scheduler.ReduceLROnPlateau: after more than <c>patience</c> steps without an improvement beyond
/// <c>threshold</c>, multiplies each group's rate by <c>factor</c> (not below <c>minLr</c>), then waits
/// <c>cooldown</c> steps before counting again. Changes smaller than <c>eps</c> are ignored.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly double[] minLrs;
    private int cooldownCounter;

    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, double minLr = 0, double eps = 1e-8)
        : this(optimizer, Enumerable.Repeat(minLr, optimizer.ParameterGroups.Count).ToArray(), mode, factor, patience, threshold, thresholdMode, cooldown, eps) { }

    /// <param name="minLr">One lower bound per parameter group.</param>
    public ReduceLROnPlateau(Optimizer optimizer, IReadOnlyList<double> minLr, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, int cooldown = 0, double eps = 1e-8)
    {
        if (!(factor < 1.0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor must be < 1");
        if (minLr.Count != optimizer.ParameterGroups.Count)
            throw new ArgumentException($"ReduceLROnPlateau: expected {optimizer.ParameterGroups.Count} min_lr values (one per parameter group), got {minLr.Count}");
        Optimizer = optimizer;
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        Eps = eps;
        minLrs = minLr.ToArray();
        Best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    public Optimizer Optimizer { get; }
    public PlateauMode Mode { get; }
    public double Factor { get; }
    public int Patience { get; }
    public double Threshold { get; }
    public ThresholdMode ThresholdMode { get; }
    public int Cooldown { get; }
    public double Eps { get; }

    public double Best { get; private set; }
    public int NumBadEpochs { get; private set; }
    public int LastEpoch { get; private set; }
    public bool InCooldown => cooldownCounter > 0;

    /// <summary>Everything <see cref="Step"/> remembers, for resuming a run (the rates live in the optimiser's state).</summary>
    public PlateauState State
    {
        get => new(Best, NumBadEpochs, cooldownCounter, LastEpoch);
        set => (Best, NumBadEpochs, cooldownCounter, LastEpoch) = (value.Best, value.NumBadEpochs, value.CooldownCounter, value.LastEpoch);
    }

    /// <summary>Reports this epoch's metric; returns true when the plateau triggered a reduction (rates already at min_lr stay).</summary>
    public bool Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric, Best))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else NumBadEpochs++;

        if (InCooldown)
        {
            cooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs <= Patience) return false;
        var groups = Optimizer.ParameterGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            double old = groups[i].LearningRate, reduced = Math.Max(old * Factor, minLrs[i]);
            if (old - reduced > Eps) groups[i].LearningRate = reduced;
        }
        cooldownCounter = Cooldown;
        NumBadEpochs = 0;
        return true;
    }

    private bool IsBetter(double a, double best) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1 - Threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - Threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (Threshold + 1),
        _ => a > best + Threshold,
    };
}
