using Hark.Tensors.Backends;

namespace Hark.Tensors.Autograd;

/// <summary>
/// The memory of one training step or one inference batch, given back when the step is done instead of waiting for the
/// garbage collector (and, on a device, for the storage's <see cref="Storage.Free"/> hook). Model code does nothing:
/// the caller opens a scope around the step, like
/// <code>
/// using (MemoryScope.Begin()) { var loss = ...; loss.Backward(); optimizer.Step(); total += loss.Item(); }
/// </code>
/// Every tensor allocated inside the scope is released when it ends, except parameter gradients, tensors marked
/// <see cref="Persist"/> (optimiser state made on the first step) and those the caller <see cref="Keep"/>s. While
/// recording, an op output is released earlier, as soon as backward has run through the op that made it (all its
/// consumers are done by then; the tensor backward started from lives to the end). Read what the step needs (the loss,
/// the probabilities) before the scope ends. Storages shared with another tensor (a reshape, a detached copy) and
/// tensors made before the scope are never released. Scopes nest; each belongs to the flow of execution that began it.
/// </summary>
public sealed class MemoryScope : IDisposable
{
    private static readonly AsyncLocal<MemoryScope?> current = new();

    private readonly MemoryScope? outer;
    private readonly List<Tensor> made = [];
    private readonly HashSet<Tensor> kept = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    private MemoryScope(MemoryScope? outer) => this.outer = outer;

    /// <summary>Opens a scope on the current flow of execution; dispose it when the step or batch is done.</summary>
    public static MemoryScope Begin()
    {
        var scope = new MemoryScope(current.Value);
        current.Value = scope;
        return scope;
    }

    /// <summary>Exempts <paramref name="tensor"/> from release by this scope (it outlives the step); returns it.</summary>
    public Tensor Keep(Tensor tensor)
    {
        kept.Add(tensor);
        tensor.ReleasedByBackward = false;
        return tensor;
    }

    /// <summary>
    /// Exempts <paramref name="tensor"/>, made inside the current scope (if any), from release: for state that outlives
    /// the step it was made in, such as an optimiser's moments. Returns it.
    /// </summary>
    public static Tensor Persist(Tensor tensor)
    {
        current.Value?.Keep(tensor);
        return tensor;
    }

    /// <summary>Called by <see cref="Graph.Record"/> for each op output: backward may release it once past its op.</summary>
    internal static void Recorded(Tensor output)
    {
        if (current.Value is { } scope && !scope.kept.Contains(output)) output.ReleasedByBackward = true;
    }

    /// <summary>Called by tensor allocation.</summary>
    internal static void Allocated(Tensor tensor) => current.Value?.made.Add(tensor);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        current.Value = outer;
        foreach (var tensor in made)
            if (!kept.Contains(tensor)) tensor.ReleaseStorage();
    }
}
