using Hark.Tensors;

namespace Hark.Nn.Optim;

/// <summary>
/// Base of the optimisers: parameter groups with their own learning rate and weight decay, per-parameter state,
/// and <see cref="Step"/>, which hands each parameter's update to its backend (IBackend.SgdStep / AdamStep) so a new
/// device brings its own kernels without changing the optimisers.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IEnumerable<ParameterGroup> groups, double learningRate, double weightDecay)
    {
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{GetType().Name}: learning rate must be >= 0");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{GetType().Name}: weight decay must be >= 0");
        ParameterGroups = groups.ToArray();
        if (ParameterGroups.Count == 0) throw new ArgumentException($"{GetType().Name}: no parameter groups given");
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var group in ParameterGroups)
        {
            group.LearningRate = group.RequestedLearningRate ?? learningRate;
            group.WeightDecay = group.RequestedWeightDecay ?? weightDecay;
            foreach (var p in group.Parameters)
                if (!seen.Add(p)) throw new ArgumentException($"{GetType().Name}: parameter {p} appears in more than one group");
        }
    }

    public IReadOnlyList<ParameterGroup> ParameterGroups { get; }

    /// <summary>True for Adam-type optimisers, whose momentum-like hyperparameter is <see cref="ParameterGroup.Beta1"/> (torch's 'betas' in defaults).</summary>
    public abstract bool UsesBetas { get; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>Drops every parameter's gradient (torch's zero_grad(set_to_none=True)).</summary>
    public void ZeroGrad()
    {
        foreach (var group in ParameterGroups)
            foreach (var p in group.Parameters) p.Grad = null;
    }

    /// <summary>
    /// The optimiser's state for resuming a run, in torch's layout: <c>state.{i}.{name}</c> per parameter (i counts
    /// parameters across groups in order; names as torch's: momentum_buffer, step, exp_avg, exp_avg_sq) and
    /// <c>param_groups.{g}.{hyperparameter}</c> as one-element tensors. Tensors are copies; save them with SafeTensors.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>();
        int index = 0;
        foreach (var group in ParameterGroups)
            foreach (var p in group.Parameters)
            {
                foreach (var (name, value) in SaveParameterState(p)) state.Add($"state.{index}.{name}", value.Clone());
                index++;
            }
        for (int g = 0; g < ParameterGroups.Count; g++)
            foreach (var (name, value) in GroupValues(ParameterGroups[g]))
                if (value is double v) state.Add($"param_groups.{g}.{name}", Tensor.FromArray([(float)v]));
        return state;
    }

    /// <summary>Restores what <see cref="StateDict"/> saved, for an optimiser built over the same parameters in the same groups.</summary>
    public void LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> state)
    {
        var given = state.ToDictionary(kv => kv.Key, kv => kv.Value);
        var perParameter = new Dictionary<int, Dictionary<string, Tensor>>();
        var perGroup = new Dictionary<int, Dictionary<string, float>>();
        foreach (var (key, value) in given)
        {
            var parts = key.Split('.');
            if (parts.Length == 3 && parts[0] == "state" && int.TryParse(parts[1], out int i))
                (perParameter.TryGetValue(i, out var d) ? d : perParameter[i] = [])[parts[2]] = value;
            else if (parts.Length == 3 && parts[0] == "param_groups" && int.TryParse(parts[1], out int g) && value.Numel == 1)
                (perGroup.TryGetValue(g, out var d) ? d : perGroup[g] = [])[parts[2]] = value.Item();
            else throw new StateDictException($"{GetType().Name}.LoadStateDict: unexpected key '{key}'");
        }
        int parameterCount = ParameterGroups.Sum(g => g.Parameters.Count);
        if (perGroup.Count != ParameterGroups.Count || perGroup.Keys.Any(g => g >= ParameterGroups.Count) || perParameter.Keys.Any(i => i >= parameterCount))
            throw new StateDictException($"{GetType().Name}.LoadStateDict: the state has {perGroup.Count} groups and parameter indices up to " +
                $"{(perParameter.Count == 0 ? -1 : perParameter.Keys.Max())}; this optimiser has {ParameterGroups.Count} groups and {parameterCount} parameters");
        int index = 0;
        foreach (var group in ParameterGroups)
            foreach (var p in group.Parameters)
            {
                var entries = perParameter.GetValueOrDefault(index) ?? [];
                foreach (var (name, value) in entries)
                    if (name != "step")
                        ShapeException.Check(value.Shape.SequenceEqual(p.Shape), $"{GetType().Name}.LoadStateDict", $"state.{index}.{name} shaped like parameter {index}", p, value);
                LoadParameterState(p, entries);
                index++;
            }
        for (int g = 0; g < ParameterGroups.Count; g++)
        {
            var values = perGroup[g];
            var group = ParameterGroups[g];
            float Required(string name) => values.TryGetValue(name, out var v) ? v
                : throw new StateDictException($"{GetType().Name}.LoadStateDict: param_groups.{g}.{name} is missing");
            group.LearningRate = Required("lr");
            group.WeightDecay = Required("weight_decay");
            group.Momentum = Required("momentum");
            group.Beta1 = Required("beta1");
            group.Beta2 = Required("beta2");
            group.InitialLearningRate = values.TryGetValue("initial_lr", out var initial) ? initial : null;
        }
    }

    private static IEnumerable<(string, double?)> GroupValues(ParameterGroup group) =>
    [
        ("lr", group.LearningRate), ("weight_decay", group.WeightDecay), ("momentum", group.Momentum),
        ("beta1", group.Beta1), ("beta2", group.Beta2), ("initial_lr", group.InitialLearningRate),
    ];

    /// <summary>The named state tensors of one parameter (none before its first step).</summary>
    protected abstract IEnumerable<KeyValuePair<string, Tensor>> SaveParameterState(Tensor parameter);

    /// <summary>Replaces one parameter's state with <paramref name="state"/> (empty: the parameter has not been stepped yet).</summary>
    protected abstract void LoadParameterState(Tensor parameter, IReadOnlyDictionary<string, Tensor> state);

    protected static void CheckGradient(string op, Tensor parameter, Tensor gradient)
    {
        ShapeException.Check(parameter.Shape.SequenceEqual(gradient.Shape), op, "a gradient shaped like its parameter", parameter, gradient);
        ShapeException.SameDevice(op, parameter, gradient);
    }

    protected static IEnumerable<ParameterGroup> SingleGroup(IEnumerable<Tensor> parameters) => [new ParameterGroup(parameters)];
}
