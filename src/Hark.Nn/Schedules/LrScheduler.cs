using Hark.Nn.Optim;

namespace Hark.Nn.Schedules;

/// <summary>
/// Base of the per-step (or per-epoch) learning-rate schedules, like torch.optim.lr_scheduler._LRScheduler: building
/// one records each group's initial learning rate and applies step 0, and every <see cref="Step"/> advances
/// <see cref="LastEpoch"/> and writes the new rates into the optimiser's groups.
/// </summary>
public abstract class LrScheduler
{
    protected LrScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer;
        foreach (var group in optimizer.ParameterGroups) group.InitialLearningRate ??= group.LearningRate;
        BaseLearningRates = optimizer.ParameterGroups.Select(g => g.InitialLearningRate!.Value).ToArray();
        LastLearningRates = [];
    }

    public Optimizer Optimizer { get; }

    /// <summary>Each group's learning rate at step 0 (torch's base_lrs).</summary>
    public IReadOnlyList<double> BaseLearningRates { get; protected set; }

    /// <summary>Number of <see cref="Step"/> calls made after construction (torch's last_epoch; 0 right after construction).</summary>
    public int LastEpoch { get; private set; } = -1;

    /// <summary>The rates the last step wrote, per group (torch's get_last_lr()).</summary>
    public IReadOnlyList<double> LastLearningRates { get; private set; }

    public void Step()
    {
        LastEpoch++;
        var rates = ComputeLearningRates(LastEpoch);
        for (int i = 0; i < rates.Length; i++) Optimizer.ParameterGroups[i].LearningRate = rates[i];
        LastLearningRates = rates;
    }

    /// <summary>
    /// Continues a resumed run at <paramref name="lastEpoch"/>: the optimiser's groups (restored from its state dict)
    /// already hold that step's rates, so nothing is recomputed now; the next <see cref="Step"/> computes step lastEpoch + 1.
    /// </summary>
    public void Resume(int lastEpoch)
    {
        if (lastEpoch < 0) throw new ArgumentOutOfRangeException(nameof(lastEpoch), lastEpoch, $"{GetType().Name}.Resume: must be >= 0");
        LastEpoch = lastEpoch;
        LastLearningRates = Optimizer.ParameterGroups.Select(g => g.LearningRate).ToArray();
    }

    /// <summary>Applies step 0; each subclass calls it last in its constructor, once its own fields are set.</summary>
    protected void Start() => Step();

    /// <summary>The learning rate of every group at step <paramref name="epoch"/>.</summary>
    protected abstract double[] ComputeLearningRates(int epoch);
}
