using System.Collections;

namespace Hark.Nn;

/// <summary>Modules held in a list and registered as "0", "1", ... like torch.nn.ModuleList; the owner decides how to call them.</summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = [];

    public ModuleList(params IEnumerable<T> modules)
    {
        foreach (var module in modules) Append(module);
    }

    public ModuleList<T> Append(T module)
    {
        items.Add(RegisterModule(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module));
        return this;
    }

    public int Count => items.Count;
    public T this[int index] => items[index];
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
