using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn;

/// <summary>
/// A node of a network, like torch.nn.Module: it owns named parameters (tensors the optimiser updates), named buffers
/// (state such as BatchNorm's running statistics) and named submodules. <see cref="StateDict"/> walks them in
/// registration order, own parameters first, then own buffers, then children, so the keys and their order equal
/// PyTorch's (<c>features.0.weight</c>, <c>bn.running_mean</c>, <c>bn.num_batches_tracked</c>).
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> buffers = [];
    private readonly HashSet<string> nonPersistentBuffers = [];
    private readonly List<KeyValuePair<string, Module>> children = [];

    /// <summary>True in training mode (dropout active, BatchNorm uses batch statistics); see <see cref="Train"/> and <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Registers a parameter: it requires a gradient, appears in <see cref="Parameters"/> and in the state dict.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckNewName(name);
        value.RequiresGrad = true;
        parameters.Add(new(name, value));
        return value;
    }

    /// <summary>Registers a buffer: saved in the state dict when <paramref name="persistent"/>, never optimised.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value, bool persistent = true)
    {
        CheckNewName(name);
        buffers.Add(new(name, value));
        if (!persistent) nonPersistentBuffers.Add(name);
        return value;
    }

    /// <summary>Registers a child whose entries appear under <c>name.</c> in the state dict.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckNewName(name);
        children.Add(new(name, module));
        return module;
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"{GetType().Name}: name '{name}' must be non-empty and contain no '.'", nameof(name));
        if (parameters.Any(p => p.Key == name) || buffers.Any(b => b.Key == name) || children.Any(c => c.Key == name))
            throw new ArgumentException($"{GetType().Name}: '{name}' is already registered", nameof(name));
    }

    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => children;

    /// <summary>This module (with the empty name) and every descendant, depth first, with dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules(string prefix = "")
    {
        yield return new(prefix, this);
        foreach (var (name, child) in children)
            foreach (var descendant in child.NamedModules(Join(prefix, name)))
                yield return descendant;
    }

    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters(string prefix = "")
    {
        foreach (var (name, module) in NamedModules(prefix))
            foreach (var (own, value) in module.parameters)
                yield return new(Join(name, own), value);
    }

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers(string prefix = "")
    {
        foreach (var (name, module) in NamedModules(prefix))
            foreach (var (own, value) in module.buffers)
                yield return new(Join(name, own), value);
    }

    /// <summary>Number of parameter elements (only those that require a gradient when <paramref name="trainableOnly"/>).</summary>
    public long ParameterCount(bool trainableOnly = false) =>
        Parameters().Where(p => !trainableOnly || p.RequiresGrad).Sum(p => (long)p.Numel);

    /// <summary>Every parameter and persistent buffer by its PyTorch key, in PyTorch's order. The tensors are the live ones, not copies.</summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>();
        AppendState(state, "");
        return state;
    }

    private void AppendState(OrderedDictionary<string, Tensor> state, string prefix)
    {
        foreach (var (name, value) in parameters) state.Add(Join(prefix, name), value);
        foreach (var (name, value) in buffers)
            if (!nonPersistentBuffers.Contains(name)) state.Add(Join(prefix, name), value);
        foreach (var (name, child) in children) child.AppendState(state, Join(prefix, name));
    }

    /// <summary>
    /// Copies <paramref name="state"/> into this module's parameters and buffers in place (optimisers keep their references).
    /// Shape mismatches always fail; missing or unexpected keys fail when <paramref name="strict"/>, as in
    /// torch's load_state_dict. Nothing is copied when it fails.
    /// </summary>
    public StateDictLoadResult LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> state, bool strict = true)
    {
        var own = StateDict();
        var given = new Dictionary<string, Tensor>();
        foreach (var (key, value) in state) given[key] = value;
        var missing = own.Keys.Where(k => !given.ContainsKey(k)).ToList();
        var unexpected = given.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(kv => given.TryGetValue(kv.Key, out var v) && !v.Shape.SequenceEqual(kv.Value.Shape))
            .Select(kv => $"{kv.Key}: checkpoint {ShapeException.Format(given[kv.Key].Shape)} vs model {ShapeException.Format(kv.Value.Shape)}")
            .ToList();
        if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add($"missing keys ({missing.Count}): {string.Join(", ", missing)}");
            if (unexpected.Count > 0) problems.Add($"unexpected keys ({unexpected.Count}): {string.Join(", ", unexpected)}");
            if (mismatched.Count > 0) problems.Add($"shape mismatches ({mismatched.Count}): {string.Join("; ", mismatched)}");
            throw new StateDictException($"LoadStateDict into {GetType().Name}: {string.Join(" | ", problems)}");
        }
        using (Graph.NoGrad())
            foreach (var (key, target) in own)
                if (given.TryGetValue(key, out var source))
                    target.Backend.Copy(source.To(target.Device), target);
        return new StateDictLoadResult(missing, unexpected);
    }

    /// <summary>
    /// Moves every parameter, its gradient and every buffer (persistent or not) to <paramref name="device"/> in place, as
    /// torch's <c>module.to(device)</c>; returns this. Create the optimiser after the move (its state is made on the
    /// parameters' device when first needed).
    /// </summary>
    public Module To(Device device)
    {
        foreach (var (_, module) in NamedModules())
        {
            foreach (var (_, parameter) in module.parameters)
            {
                parameter.MoveTo(device);
                parameter.Grad?.MoveTo(device);
            }
            foreach (var (_, buffer) in module.buffers) buffer.MoveTo(device);
        }
        return this;
    }

    /// <summary>The device of the first parameter or buffer (where inputs must be: see <see cref="To"/>); the CPU for a module without either.</summary>
    public Device Device => NamedParameters().Concat(NamedBuffers()).Select(kv => (Device?)kv.Value.Device).FirstOrDefault() ?? Device.Cpu;

    /// <summary>Sets training mode on this module and every descendant; returns this for chaining.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var (_, module) in NamedModules()) module.Training = mode;
        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>The random generators of this module and its descendants, in module order (see <see cref="IStochastic"/>).</summary>
    public IEnumerable<Generator> RandomGenerators() =>
        NamedModules().Select(m => m.Value).OfType<IStochastic>().SelectMany(s => s.Generators);

    /// <summary>Drops the gradients of every parameter (torch's zero_grad(set_to_none=True)).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
