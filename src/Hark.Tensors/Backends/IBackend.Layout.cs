namespace Hark.Tensors.Backends;

public partial interface IBackend
{
    /// <summary>output (+)= input with its axes reordered: output axis i is input axis dims[i].</summary>
    void Permute(Tensor input, Tensor output, int[] dims, bool accumulate);

    /// <summary>
    /// Copies (or adds) the box of size <paramref name="extent"/> starting at <paramref name="sourceStart"/> in source
    /// to the box starting at <paramref name="destinationStart"/> in destination; both tensors have extent's rank.
    /// Cat, Slice and Pad are this one kernel.
    /// </summary>
    void CopyRegion(Tensor source, int[] sourceStart, Tensor destination, int[] destinationStart, int[] extent, bool accumulate);
}
