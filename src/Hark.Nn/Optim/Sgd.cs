using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Nn.Optim;

/// <summary>torch.optim.SGD (single-tensor path): weight decay as L2 on the gradient, momentum with dampening, optional Nesterov.</summary>
public sealed class Sgd : Optimizer
{
    private readonly Dictionary<Tensor, Tensor> momentumBuffers = new(ReferenceEqualityComparer.Instance);

    public Sgd(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0,
        bool nesterov = false, bool maximize = false)
        : this(SingleGroup(parameters), lr, momentum, dampening, weightDecay, nesterov, maximize) { }

    public Sgd(IEnumerable<ParameterGroup> groups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0,
        bool nesterov = false, bool maximize = false)
        : base(groups, lr, weightDecay)
    {
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Sgd: momentum must be >= 0");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"Sgd: Nesterov momentum requires momentum > 0 and zero dampening; got momentum {momentum}, dampening {dampening}");
        foreach (var group in ParameterGroups) group.Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        Maximize = maximize;
    }

    public double Dampening { get; }
    public bool Nesterov { get; }
    public bool Maximize { get; }
    public override bool UsesBetas => false;

    protected override IEnumerable<KeyValuePair<string, Tensor>> SaveParameterState(Tensor parameter) =>
        momentumBuffers.TryGetValue(parameter, out var buffer) ? [new("momentum_buffer", buffer)] : [];

    protected override void LoadParameterState(Tensor parameter, IReadOnlyDictionary<string, Tensor> state)
    {
        if (state.TryGetValue("momentum_buffer", out var buffer)) momentumBuffers[parameter] = buffer.Clone();
        else momentumBuffers.Remove(parameter);
    }

    public override void Step()
    {
        foreach (var group in ParameterGroups)
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } gradient) continue;
                CheckGradient("Sgd.Step", p, gradient);
                Tensor? buffer = null;
                bool first = false;
                if (group.Momentum != 0 && !momentumBuffers.TryGetValue(p, out buffer))
                {
                    momentumBuffers[p] = buffer = MemoryScope.Persist(Tensor.ZerosLike(p));
                    first = true;
                }
                var arguments = new SgdStepArguments((float)group.LearningRate, (float)group.Momentum, (float)Dampening,
                    (float)group.WeightDecay, Nesterov, Maximize, first);
                p.Backend.SgdStep(p, gradient, buffer, arguments);
            }
    }
}
