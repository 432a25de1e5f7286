using Hark.Nn.Optim;

namespace Hark.Nn.Schedules;

/// <summary>
/// torch.optim.lr_scheduler.OneCycleLR, stepped once per batch, with torch's parameter names and defaults: the rate
/// rises from max_lr / div_factor to max_lr over pct_start of the steps, then anneals to
/// initial_lr / final_div_factor (three_phase adds a symmetric descent back to the initial rate first). With
/// cycle_momentum the momentum (SGD) or beta1 (Adam, AdamW) moves the opposite way between max_momentum and base_momentum.
/// </summary>
public sealed class OneCycleLR : LrScheduler
{
    private sealed record Phase(double EndStep, Func<int, double> StartLr, Func<int, double> EndLr, Func<int, double> StartMomentum, Func<int, double> EndMomentum);

    private readonly Phase[] phases;
    private readonly double[] maxLrs, initialLrs, minLrs, maxMomentums, baseMomentums;

    public OneCycleLR(Optimizer optimizer, double maxLr, int? totalSteps = null, int? epochs = null, int? stepsPerEpoch = null,
        double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
        double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false)
        : this(optimizer, Enumerable.Repeat(maxLr, optimizer.ParameterGroups.Count).ToArray(), totalSteps, epochs, stepsPerEpoch, pctStart,
            annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase) { }

    /// <param name="maxLr">One peak learning rate per parameter group.</param>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLr, int? totalSteps = null, int? epochs = null, int? stepsPerEpoch = null,
        double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
        double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25.0, double finalDivFactor = 1e4, bool threePhase = false)
        : base(optimizer)
    {
        var groups = optimizer.ParameterGroups;
        if (maxLr.Count != groups.Count)
            throw new ArgumentException($"OneCycleLR: expected {groups.Count} max_lr values (one per parameter group), got {maxLr.Count}");
        if (totalSteps is int total)
        {
            if (total <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), total, "OneCycleLR: total_steps must be positive");
            TotalSteps = total;
        }
        else if (epochs is int e && stepsPerEpoch is int s)
        {
            if (e <= 0 || s <= 0) throw new ArgumentException($"OneCycleLR: epochs and steps_per_epoch must be positive; got {e} and {s}");
            TotalSteps = e * s;
        }
        else throw new ArgumentException("OneCycleLR: give total_steps, or both epochs and steps_per_epoch");
        if (!(pctStart >= 0 && pctStart <= 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "OneCycleLR: pct_start must lie in [0, 1]");

        AnnealStrategy = annealStrategy;
        CycleMomentum = cycleMomentum;
        maxLrs = maxLr.ToArray();
        initialLrs = maxLrs.Select(m => m / divFactor).ToArray();
        minLrs = initialLrs.Select(i => i / finalDivFactor).ToArray();
        maxMomentums = Enumerable.Repeat(maxMomentum, groups.Count).ToArray();
        baseMomentums = Enumerable.Repeat(baseMomentum, groups.Count).ToArray();
        double up = pctStart * TotalSteps - 1;
        Func<int, double> initial = i => initialLrs[i], max = i => maxLrs[i], min = i => minLrs[i];
        Func<int, double> highMomentum = i => maxMomentums[i], lowMomentum = i => baseMomentums[i];
        phases = threePhase
            ? [new Phase(up, initial, max, highMomentum, lowMomentum),
               new Phase(2 * pctStart * TotalSteps - 2, max, initial, lowMomentum, highMomentum),
               new Phase(TotalSteps - 1, initial, min, highMomentum, highMomentum)]
            : [new Phase(up, initial, max, highMomentum, lowMomentum),
               new Phase(TotalSteps - 1, max, min, lowMomentum, highMomentum)];

        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].InitialLearningRate = initialLrs[i];
            if (cycleMomentum) SetMomentum(groups[i], maxMomentums[i]);
        }
        BaseLearningRates = initialLrs;
        Start();
    }

    public int TotalSteps { get; }
    public AnnealStrategy AnnealStrategy { get; }
    public bool CycleMomentum { get; }

    protected override double[] ComputeLearningRates(int epoch)
    {
        if (epoch > TotalSteps)
            throw new InvalidOperationException($"OneCycleLR: tried to step {epoch} times; the specified number of total steps is {TotalSteps}");
        var groups = Optimizer.ParameterGroups;
        var rates = new double[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            double startStep = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                var phase = phases[i];
                if (epoch <= phase.EndStep || i == phases.Length - 1)
                {
                    double pct = (epoch - startStep) / (phase.EndStep - startStep);
                    rates[g] = Anneal(phase.StartLr(g), phase.EndLr(g), pct);
                    if (CycleMomentum) SetMomentum(groups[g], Anneal(phase.StartMomentum(g), phase.EndMomentum(g), pct));
                    break;
                }
                startStep = phase.EndStep;
            }
        }
        return rates;
    }

    private void SetMomentum(ParameterGroup group, double momentum)
    {
        if (Optimizer.UsesBetas) group.Beta1 = momentum;
        else group.Momentum = momentum;
    }

    private double Anneal(double start, double end, double pct) => AnnealStrategy == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;
}
