namespace Hark.Tensors;

/// <summary>Thrown when an op receives tensors whose shapes, devices or sizes do not fit; the message names the op and the shapes.</summary>
public sealed class ShapeException(string message) : ArgumentException(message)
{
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>Throws unless <paramref name="ok"/>; <paramref name="expected"/> says what the op needed.</summary>
    public static void Check(bool ok, string op, string expected, params Tensor[] tensors)
    {
        if (ok) return;
        var got = string.Join(", ", tensors.Select(t => Format(t.Shape)));
        throw new ShapeException($"{op}: expected {expected}; got shapes {got}");
    }

    public static void SameDevice(string op, params Tensor[] tensors)
    {
        for (int i = 1; i < tensors.Length; i++)
            if (tensors[i].Device != tensors[0].Device)
                throw new ShapeException($"{op}: tensors on different devices ({tensors[0].Device} {Format(tensors[0].Shape)} vs {tensors[i].Device} {Format(tensors[i].Shape)})");
    }
}
