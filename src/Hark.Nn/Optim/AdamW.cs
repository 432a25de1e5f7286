using Hark.Tensors;

namespace Hark.Nn.Optim;

/// <summary>torch.optim.AdamW: decoupled weight decay, p *= 1 - lr * weight_decay before the Adam step. Defaults as torch's (weight decay 0.01).</summary>
public sealed class AdamW : AdamBase
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 1e-2, bool maximize = false)
        : this(SingleGroup(parameters), lr, betas, eps, weightDecay, maximize) { }

    public AdamW(IEnumerable<ParameterGroup> groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 1e-2, bool maximize = false)
        : base(groups, lr, betas ?? (0.9, 0.999), eps, weightDecay, maximize) { }

    protected override bool DecoupledWeightDecay => true;
}
