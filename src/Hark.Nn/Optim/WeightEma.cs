using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn.Optim;

/// <summary>
/// An exponential moving average of a model's weights, updated after each optimiser step with
/// decay = min(decay, (1 + t) / (10 + t)) when warm-up is on (t counts updates from 0), so early averages follow
/// the model closely. Buffers follow an explicit <see cref="EmaBufferPolicy"/>. The average is a state dict with
/// the model's keys: load it into a second instance of the model to evaluate or save it.
/// </summary>
public sealed class WeightEma
{
    private readonly Module model;
    private readonly OrderedDictionary<string, Tensor> average;
    private readonly HashSet<string> parameterKeys;

    public WeightEma(Module model, double decay = 0.999, EmaBufferPolicy bufferPolicy = EmaBufferPolicy.Copy, bool warmup = true)
    {
        if (!(decay >= 0 && decay <= 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "WeightEma: decay must lie in [0, 1]");
        this.model = model;
        Decay = decay;
        BufferPolicy = bufferPolicy;
        Warmup = warmup;
        parameterKeys = model.NamedParameters().Select(p => p.Key).ToHashSet();
        average = new OrderedDictionary<string, Tensor>();
        foreach (var (key, value) in model.StateDict()) average.Add(key, value.Clone());
    }

    public double Decay { get; }
    public EmaBufferPolicy BufferPolicy { get; }
    public bool Warmup { get; }

    /// <summary>How many times <see cref="Update"/> has run.</summary>
    public long Updates { get; private set; }

    /// <summary>The decay the next update will use.</summary>
    public double CurrentDecay => Warmup ? Math.Min(Decay, (1.0 + Updates) / (10.0 + Updates)) : Decay;

    /// <summary>Folds the model's current weights into the average.</summary>
    public void Update()
    {
        float decay = (float)CurrentDecay;
        using (Graph.NoGrad())
            foreach (var (key, live) in model.StateDict())
            {
                var shadow = average[key];
                bool averaged = parameterKeys.Contains(key)
                    || (BufferPolicy == EmaBufferPolicy.Average && !key.EndsWith("num_batches_tracked", StringComparison.Ordinal));
                if (averaged) shadow.Backend.EmaUpdate(shadow, live, decay);
                else shadow.Backend.Copy(live, shadow);
            }
        Updates++;
    }

    /// <summary>The averaged weights and buffers under the model's state-dict keys (live tensors owned by this object).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() => average;

    /// <summary>Restores a saved average (from <see cref="StateDict"/>) and its update count, to resume a run.</summary>
    public void Load(IEnumerable<KeyValuePair<string, Tensor>> state, long updates)
    {
        if (updates < 0) throw new ArgumentOutOfRangeException(nameof(updates), updates, "WeightEma.Load: must be >= 0");
        var given = state.ToDictionary(kv => kv.Key, kv => kv.Value);
        var missing = average.Keys.Where(k => !given.ContainsKey(k)).ToList();
        var unexpected = given.Keys.Where(k => !average.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new StateDictException($"WeightEma.Load: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", unexpected)}]");
        foreach (var (key, shadow) in average)
        {
            ShapeException.Check(given[key].Shape.SequenceEqual(shadow.Shape), "WeightEma.Load", $"'{key}' shaped like the model's", shadow, given[key]);
            shadow.Backend.Copy(given[key].To(shadow.Device), shadow);
        }
        Updates = updates;
    }

    /// <summary>Copies the average into <paramref name="target"/>, a model of the same architecture.</summary>
    public void CopyTo(Module target) => target.LoadStateDict(average);
}
