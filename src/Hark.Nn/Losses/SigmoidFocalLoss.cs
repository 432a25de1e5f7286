using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torchvision.ops.sigmoid_focal_loss as a module: BCE down-weighted on easy examples by (1 - p_t)^gamma, classes balanced by alpha.</summary>
public sealed class SigmoidFocalLoss(double alpha = 0.25, double gamma = 2.0, Reduction reduction = Reduction.Mean) : Module
{
    public double Alpha { get; } = alpha;
    public double Gamma { get; } = gamma;
    public Reduction Reduction { get; } = reduction;

    // logits and targets [N, C]; targets in [0, 1]
    public Tensor Forward(Tensor logits, Tensor targets) => Ops.SigmoidFocalLoss(logits, targets, (float)Alpha, (float)Gamma, Reduction);
}
