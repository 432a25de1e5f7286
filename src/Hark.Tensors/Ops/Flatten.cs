namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>Merges axes startDim..endDim into one, sharing storage (torch.flatten; the default startDim=1 is nn.Flatten's).</summary>
    public static Tensor Flatten(Tensor x, int startDim = 1, int endDim = -1)
    {
        if (x.Rank == 0) return Reshape(x, 1);
        int start = CheckedAxis("Flatten", x, startDim), end = CheckedAxis("Flatten", x, endDim);
        if (start > end)
            throw new ShapeException($"Flatten: startDim {startDim} comes after endDim {endDim} for shape {ShapeException.Format(x.Shape)}");
        var shape = new List<int>(x.Shape[..start].ToArray());
        int merged = 1;
        for (int d = start; d <= end; d++) merged *= x.Shape[d];
        shape.Add(merged);
        shape.AddRange(x.Shape[(end + 1)..]);
        return Reshape(x, [.. shape]);
    }
}
