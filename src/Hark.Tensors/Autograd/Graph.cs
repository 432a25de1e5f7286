namespace Hark.Tensors.Autograd;

/// <summary>Records ops while gradients are enabled and runs reverse-mode differentiation over what was recorded.</summary>
public static class Graph
{
    private static readonly AsyncLocal<int> noGradDepth = new();

    /// <summary>False inside a <see cref="NoGrad"/> scope: ops then record nothing.</summary>
    public static bool IsEnabled => noGradDepth.Value == 0;

    /// <summary>Disables recording until disposed, like <c>torch.no_grad()</c>.</summary>
    public static IDisposable NoGrad()
    {
        noGradDepth.Value++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool disposed;
        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            noGradDepth.Value--;
        }
    }

    /// <summary>True when recording is on and some input requires a gradient; ops use it to skip saving tensors.</summary>
    public static bool NeedsGrad(Tensor a) => IsEnabled && a.RequiresGrad;
    public static bool NeedsGrad(Tensor a, Tensor b) => IsEnabled && (a.RequiresGrad || b.RequiresGrad);
    public static bool NeedsGrad(params Tensor?[] inputs) => IsEnabled && inputs.Any(t => t is { RequiresGrad: true });

    /// <summary>Attaches <paramref name="backward"/> to <paramref name="output"/> when some input needs a gradient.</summary>
    public static void Record(Tensor output, string op, Tensor[] inputs, BackwardFunction backward)
    {
        if (!IsEnabled || !inputs.Any(t => t.RequiresGrad)) return;
        output.RequiresGrad = true;
        output.GradFn = new GradNode(op, inputs, backward);
    }

    /// <summary>
    /// Declares that <paramref name="intermediate"/>, made by an op inside a forward, is held by that forward alone and will not be
    /// read again by it (the ops that consumed it have run): its memory can be reused. Under <see cref="NoGrad"/> the storage is
    /// released now; while recording, once backward has run through the op that made it (all its consumers are done by then).
    /// A storage shared with another tensor (a reshape, a detached copy) is never released.
    /// </summary>
    public static void Retire(Tensor intermediate)
    {
        if (intermediate.GradFn is not null)
            intermediate.ReleasedByBackward = true;
        else if (!IsEnabled)
            intermediate.ReleaseStorage();
    }

    internal static void Backward(Tensor root, Tensor? gradient)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException($"Backward: {root} does not require a gradient and has no recorded op");
        if (gradient is null)
        {
            if (root.Numel != 1)
                throw new ShapeException($"Backward: a gradient must be given for a non-scalar output of shape {ShapeException.Format(root.Shape)}");
            gradient = Tensor.Full(root.Shape, 1f, root.Device);
        }
        ShapeException.Check(gradient.Shape.SequenceEqual(root.Shape), "Backward", "a gradient shaped like the output", root, gradient);

        if (root.IsLeaf)
        {
            root.Grad = root.Grad is null ? gradient.Clone() : AddInto(root.Grad, gradient);
            return;
        }

        var pending = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = gradient };
        foreach (var tensor in ReverseTopologicalOrder(root))
        {
            var node = tensor.GradFn!;
            if (!pending.Remove(tensor, out var dOutput)) continue; // no path from the root carries a gradient here
            var backward = node.Backward
                ?? throw new InvalidOperationException($"Backward: the graph through '{node.Op}' was already freed by an earlier backward");
            node.Backward = null;
            backward(dOutput, new GradientSink(node.Inputs, pending));
            if (!ReferenceEquals(dOutput, gradient)) dOutput.ReleaseStorage(); // a buffer the sink made: nobody else holds it
            if (tensor.ReleasedByBackward) tensor.ReleaseStorage();
        }
    }

    private static Tensor AddInto(Tensor accumulator, Tensor addend)
    {
        accumulator.Backend.AddInPlace(accumulator, addend);
        return accumulator;
    }

    /// <summary>Non-leaf tensors reachable from <paramref name="root"/>, each after every tensor that consumes it.</summary>
    private static List<Tensor> ReverseTopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (tensor, next) = stack.Pop();
            var inputs = tensor.GradFn!.Inputs;
            if (next < inputs.Length)
            {
                stack.Push((tensor, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && !input.IsLeaf && visited.Add(input))
                    stack.Push((input, 0));
            }
            else
            {
                order.Add(tensor); // post-order: inputs first
            }
        }
        order.Reverse();
        return order;
    }
}
