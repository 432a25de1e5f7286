using Hark.Tensors.Backends.Cpu;

namespace Hark.Tensors.Backends;

/// <summary>
/// Managed CPU memory (host memory, which every backend copies to and from). Storages from <see cref="Allocate"/> come from <see cref="CpuStoragePool"/> and go back to it when
/// autograd releases a tensor nobody else can reach (see <see cref="Autograd.Graph.Retire"/>); otherwise the garbage
/// collector takes them as usual. Storages wrapping a caller's array are never pooled.
/// </summary>
public sealed class CpuStorage : Storage
{
    private float[]? data;
    private readonly bool pooled;

    public CpuStorage(float[] data)
        : this(data, pooled: false)
    {
    }

    private CpuStorage(float[] data, bool pooled)
    {
        this.data = data;
        this.pooled = pooled;
        Length = data.Length;
    }

    public static CpuStorage Allocate(int length, bool zeroed)
    {
        var data = CpuStoragePool.Rent(length, zeroed, out bool allocated);
        if (allocated) newPoolableOnThisThread++;
        return new(data, pooled: true);
    }

    [ThreadStatic] private static long newPoolableOnThisThread;

    /// <summary>Storages of poolable length the calling thread allocated because the pool had none to lend (tensor ops allocate their outputs on the caller's thread).</summary>
    internal static long NewPoolableOnThisThread => newPoolableOnThisThread;

    public float[] Data => data
        ?? throw new InvalidOperationException($"CpuStorage of {Length} elements: read after autograd released it to the pool (a retired intermediate was used after backward)");

    public override int Length { get; }
    public override Device Device => Device.Cpu;

    /// <summary>True once a pooled storage went back to the pool (a storage wrapping a caller's array never does).</summary>
    internal bool IsReleased => data is null;

    public override void CopyToHost(Span<float> destination) => Data.CopyTo(destination);

    public override void CopyFromHost(ReadOnlySpan<float> source) => source.CopyTo(Data);

    protected override void Free()
    {
        if (!pooled) return;
        var array = Interlocked.Exchange(ref data, null);
        if (array is not null) CpuStoragePool.Return(array);
    }
}
