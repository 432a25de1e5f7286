namespace Hark.Nn.Checkpoints;

/// <summary>
/// The memory a checkpoint may make Hark allocate: a small multiple of its size on disk (float32 storages take 1x,
/// int8 ones 4x once converted) plus a little room for views of tiny files. Every declared size is charged here before
/// the memory is allocated, so a crafted file cannot turn a few bytes into gigabytes.
/// </summary>
internal sealed class AllocationBudget(string path, long fileLength)
{
    public const int MaxMultiple = 4;
    private const long Slack = 1 << 20;
    private readonly long limit = MaxMultiple * fileLength + Slack;
    private long used;

    /// <summary>Charges <paramref name="bytes"/> for <paramref name="what"/>; throws when the file's budget would be exceeded.</summary>
    public void Charge(long bytes, string what)
    {
        if (bytes < 0 || bytes > limit - used)
            throw new FormatException($"{path}: {what} needs {bytes:N0} bytes, beyond the {limit:N0} bytes a {fileLength:N0}-byte checkpoint may use ({MaxMultiple}x its size + 1 MiB){(used > 0 ? $", {used:N0} already taken" : "")}");
        used += bytes;
    }
}
