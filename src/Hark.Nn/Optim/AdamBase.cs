using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Nn.Optim;

/// <summary>
/// The shared update of <see cref="Adam"/> and <see cref="AdamW"/> (torch 1.13's single-tensor path): step counts per
/// parameter, bias corrections computed in double precision, eps added after dividing sqrt(v) by sqrt(1 - beta2^t).
/// </summary>
public abstract class AdamBase : Optimizer
{
    private sealed class State(Tensor expAvg, Tensor expAvgSq)
    {
        public long Step;
        public readonly Tensor ExpAvg = expAvg;
        public readonly Tensor ExpAvgSq = expAvgSq;
    }

    private readonly Dictionary<Tensor, State> states = new(ReferenceEqualityComparer.Instance);

    protected AdamBase(IEnumerable<ParameterGroup> groups, double lr, (double Beta1, double Beta2) betas, double eps, double weightDecay, bool maximize)
        : base(groups, lr, weightDecay)
    {
        if (!(betas.Beta1 >= 0 && betas.Beta1 < 1) || !(betas.Beta2 >= 0 && betas.Beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(betas), betas, $"{GetType().Name}: betas must lie in [0, 1)");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{GetType().Name}: eps must be >= 0");
        foreach (var group in ParameterGroups) (group.Beta1, group.Beta2) = betas;
        Eps = eps;
        Maximize = maximize;
    }

    public double Eps { get; }
    public bool Maximize { get; }
    public override bool UsesBetas => true;

    /// <summary>True for AdamW: weight decay shrinks the parameter directly instead of entering the gradient.</summary>
    protected abstract bool DecoupledWeightDecay { get; }

    /// <summary>How many updates <paramref name="parameter"/> has had.</summary>
    public long StepCount(Tensor parameter) => states.TryGetValue(parameter, out var s) ? s.Step : 0;

    protected override IEnumerable<KeyValuePair<string, Tensor>> SaveParameterState(Tensor parameter) =>
        states.TryGetValue(parameter, out var s)
            ? [new("step", Tensor.FromArray([(float)s.Step])), new("exp_avg", s.ExpAvg), new("exp_avg_sq", s.ExpAvgSq)]
            : [];

    protected override void LoadParameterState(Tensor parameter, IReadOnlyDictionary<string, Tensor> state)
    {
        if (state.Count == 0)
        {
            states.Remove(parameter);
            return;
        }
        if (!state.TryGetValue("step", out var step) || !state.TryGetValue("exp_avg", out var expAvg) || !state.TryGetValue("exp_avg_sq", out var expAvgSq))
            throw new StateDictException($"{GetType().Name}.LoadStateDict: a parameter's state needs step, exp_avg and exp_avg_sq; got {string.Join(", ", state.Keys)}");
        states[parameter] = new State(expAvg.Clone(), expAvgSq.Clone()) { Step = (long)step.Item() };
    }

    public override void Step()
    {
        foreach (var group in ParameterGroups)
            foreach (var p in group.Parameters)
            {
                if (p.Grad is not { } gradient) continue;
                CheckGradient($"{GetType().Name}.Step", p, gradient);
                if (!states.TryGetValue(p, out var state)) states[p] = state = new State(MemoryScope.Persist(Tensor.ZerosLike(p)), MemoryScope.Persist(Tensor.ZerosLike(p)));
                state.Step++;
                double biasCorrection1 = 1 - Math.Pow(group.Beta1, state.Step);
                double biasCorrection2 = 1 - Math.Pow(group.Beta2, state.Step);
                var arguments = new AdamStepArguments(
                    Beta1: (float)group.Beta1,
                    Beta2: (float)group.Beta2,
                    Eps: (float)Eps,
                    WeightDecay: DecoupledWeightDecay ? 0f : (float)group.WeightDecay,
                    DecoupledDecayFactor: DecoupledWeightDecay ? (float)(1 - group.LearningRate * group.WeightDecay) : 1f,
                    StepSize: (float)(group.LearningRate / biasCorrection1),
                    BiasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
                    Maximize: Maximize);
                p.Backend.AdamStep(p, gradient, state.ExpAvg, state.ExpAvgSq, arguments);
            }
    }
}
