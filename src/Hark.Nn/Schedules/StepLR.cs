using Hark.Nn.Optim;

namespace Hark.Nn.Schedules;

/// <summary>torch.optim.lr_scheduler.StepLR: multiplies the rate by gamma every step_size steps (epochs).</summary>
public sealed class StepLR : LrScheduler
{
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: step_size must be positive");
        StepSize = stepSize;
        Gamma = gamma;
        Start();
    }

    public int StepSize { get; }
    public double Gamma { get; }

    // torch's chainable form: the current rate, times gamma on multiples of step_size
    protected override double[] ComputeLearningRates(int epoch) => Optimizer.ParameterGroups
        .Select(g => epoch == 0 || epoch % StepSize != 0 ? g.LearningRate : g.LearningRate * Gamma).ToArray();
}
