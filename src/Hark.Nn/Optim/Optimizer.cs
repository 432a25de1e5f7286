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
    /// The per-parameter state (momentum buffers, Adam moments, step counts) keyed like torch's optimizer.state_dict()
    /// 'state': <c>{index}.{name}</c>, where index numbers the parameters across groups in order. Hyper-parameters are
    /// not included: they come from the configuration that rebuilds the optimiser.
    /// </summary>
    public abstract OrderedDictionary<string, Tensor> StateDict();

    /// <summary>Restores state written by <see cref="StateDict"/> for the same parameters in the same order.</summary>
    public abstract void LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> state);

    /// <summary>Every parameter with its torch-style index across groups.</summary>
    protected IEnumerable<(int Index, Tensor Parameter)> IndexedParameters() =>
        ParameterGroups.SelectMany(g => g.Parameters).Select((p, i) => (i, p));

    /// <summary>Looks up <c>{index}.{name}</c> in a loaded state, checking its shape against the parameter.</summary>
    protected static Tensor? StateEntry(IReadOnlyDictionary<string, Tensor> state, int index, string name, Tensor parameter, string owner)
    {
        if (!state.TryGetValue($"{index}.{name}", out var value)) return null;
        if (name != "step" && !value.Shape.AsSpan().SequenceEqual(parameter.Shape))
            throw new ArgumentException($"{owner}.LoadStateDict: '{index}.{name}' has shape {ShapeException.Format(value.Shape)} but parameter {index} is {ShapeException.Format(parameter.Shape)}");
        return value;
    }

    protected static void CheckGradient(string op, Tensor parameter, Tensor gradient)
    {
        ShapeException.Check(parameter.Shape.AsSpan().SequenceEqual(gradient.Shape), op, "a gradient shaped like its parameter", parameter, gradient);
        ShapeException.SameDevice(op, parameter, gradient);
    }

    protected static IEnumerable<ParameterGroup> SingleGroup(IEnumerable<Tensor> parameters) => [new ParameterGroup(parameters)];
}
