using Hark.Tensors;

namespace Hark.Nn.Optim;

/// <summary>torch.optim.Adam: weight decay is an L2 term added to the gradient. Defaults as torch's.</summary>
public sealed class Adam : AdamBase
{
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 0, bool maximize = false)
        : this(SingleGroup(parameters), lr, betas, eps, weightDecay, maximize) { }

    public Adam(IEnumerable<ParameterGroup> groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weightDecay = 0, bool maximize = false)
        : base(groups, lr, betas ?? (0.9, 0.999), eps, weightDecay, maximize) { }

    protected override bool DecoupledWeightDecay => false;
}
