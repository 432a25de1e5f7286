namespace Hark.Tensors.Backends;

/// <summary>
/// Host-memory stand-ins for the device tensors of one kernel call that runs on the CPU instead: <see cref="Read"/> copies
/// a tensor's storage to the host, <see cref="Write"/> does too and copies it back when disposed (kernels may accumulate
/// into what they write). Tensors sharing a storage share one copy; host storages go back to the pool at the end.
/// </summary>
internal sealed class HostCopies : IDisposable
{
    private readonly Dictionary<Storage, CpuStorage> copies = new(ReferenceEqualityComparer.Instance);
    private readonly List<Storage> written = [];

    public Tensor Read(Tensor tensor) => new(HostOf(tensor.Storage), tensor.Shape);

    public Tensor? ReadOptional(Tensor? tensor) => tensor is null ? null : Read(tensor);

    public Tensor Write(Tensor tensor)
    {
        var host = Read(tensor);
        if (!written.Contains(tensor.Storage, ReferenceEqualityComparer.Instance)) written.Add(tensor.Storage);
        return host;
    }

    public Tensor? WriteOptional(Tensor? tensor) => tensor is null ? null : Write(tensor);

    private CpuStorage HostOf(Storage storage)
    {
        if (storage is CpuStorage cpu) return cpu;
        if (!copies.TryGetValue(storage, out var host))
        {
            host = CpuStorage.Allocate(storage.Length, zeroed: false);
            storage.CopyToHost(host.Data);
            copies[storage] = host;
        }
        return host;
    }

    public void Dispose()
    {
        foreach (var storage in written)
            if (copies.TryGetValue(storage, out var host)) storage.CopyFromHost(host.Data);
        foreach (var host in copies.Values) host.Release();
    }
}
