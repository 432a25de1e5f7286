namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>Joins equally shaped tensors along a new axis (torch.stack).</summary>
    public static Tensor Stack(Tensor[] xs, int axis = 0)
    {
        if (xs.Length == 0) throw new ArgumentException("Stack: expected at least one tensor; got none");
        foreach (var x in xs)
            ShapeException.Check(x.Shape.SequenceEqual(xs[0].Shape), "Stack", "tensors of equal shape", xs);
        int a = CheckedAxis("Stack", xs[0], axis, allowEnd: true);
        var shape = new List<int>(xs[0].Shape.ToArray());
        shape.Insert(a, 1);
        return Cat(xs.Select(x => Reshape(x, [.. shape])).ToArray(), a);
    }
}
