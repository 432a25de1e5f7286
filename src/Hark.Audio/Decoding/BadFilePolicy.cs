namespace Hark.Audio;

/// <summary>What a batch read does with a file that cannot be decoded.</summary>
public enum BadFilePolicy
{
    /// <summary>Report it in <see cref="AudioBatchResult.Errors"/> and carry on with the rest.</summary>
    Skip,
    /// <summary>Stop and throw an <see cref="AudioDecodeException"/> for the first bad file (in input order).</summary>
    Fail,
}
