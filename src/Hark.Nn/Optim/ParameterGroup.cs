using Hark.Tensors;

namespace Hark.Nn.Optim;

/// <summary>
/// A set of parameters sharing hyperparameters, like one entry of torch's optimizer.param_groups. Values left null
/// when building the group take the optimiser's defaults; schedules then change <see cref="LearningRate"/> (and
/// <see cref="Momentum"/> or <see cref="Beta1"/> when they cycle momentum) per group.
/// </summary>
public sealed class ParameterGroup
{
    public ParameterGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null)
    {
        Parameters = parameters.ToArray();
        RequestedLearningRate = learningRate;
        RequestedWeightDecay = weightDecay;
    }

    public IReadOnlyList<Tensor> Parameters { get; }
    internal double? RequestedLearningRate { get; }
    internal double? RequestedWeightDecay { get; }

    public double LearningRate { get; set; }
    public double WeightDecay { get; set; }

    /// <summary>SGD's momentum factor.</summary>
    public double Momentum { get; set; }

    /// <summary>Adam's first-moment decay (torch's betas[0]), the value OneCycleLR cycles for Adam-type optimisers.</summary>
    public double Beta1 { get; set; }

    /// <summary>Adam's second-moment decay (torch's betas[1]).</summary>
    public double Beta2 { get; set; }

    /// <summary>The learning rate a schedule started from (torch's group['initial_lr']); set by the first schedule attached.</summary>
    public double? InitialLearningRate { get; set; }
}
