namespace Hark.Nn.Checkpoints;

/// <summary>
/// A numpy array, dtype or scalar met in a checkpoint's pickle (PANNs saves its sampler's index arrays and RandomState
/// beside the model), skipped as an inert placeholder: the pickle's arguments and BUILD state for it are parsed as plain
/// data and dropped. Nothing of numpy runs and nothing is allocated from the shapes it declares; Hark's state dicts
/// never read these values.
/// </summary>
internal sealed class PickledNumpy(string global)
{
    /// <summary>numpy's own pickling helpers (numpy 1.x spells them numpy.core, numpy 2.x numpy._core).</summary>
    public static readonly IReadOnlySet<string> Globals = new HashSet<string>
    {
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
        "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
        "numpy.ndarray", "numpy.dtype",
        CodecsEncode,
    };

    /// <summary>How protocol 2 pickles bytes (an array's data): _codecs.encode(text, 'latin1'), decoded by the unpickler.</summary>
    public const string CodecsEncode = "_codecs.encode";

    public override string ToString() => $"numpy object from {global}";
}
