namespace Hark.Tensors;

public static partial class Ops
{
    /// <summary>Swaps two axes (torch.transpose), copied to new contiguous storage.</summary>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        int a = CheckedAxis("Transpose", x, dim0), b = CheckedAxis("Transpose", x, dim1);
        var dims = Enumerable.Range(0, x.Rank).ToArray();
        (dims[a], dims[b]) = (dims[b], dims[a]);
        return Permute(x, dims);
    }
}
