namespace Hark.Tensors;

/// <summary>
/// Where a tensor's storage lives: a device type ("cpu", "cuda", or whatever a registered backend names) and an index.
/// Ops ask the device for its backend (<see cref="Backends.BackendRegistry"/>); model code never branches on it.
/// </summary>
public readonly record struct Device
{
    public static readonly Device Cpu = new("cpu");

    public Device(string type, int index = 0)
    {
        if (string.IsNullOrWhiteSpace(type) || type.Contains(':') || type != type.ToLowerInvariant())
            throw new ArgumentException($"device type '{type}': expected a lower-case name without ':' such as cpu or cuda");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Type = type;
        Index = index;
    }

    /// <summary>The backend's name, lower case, e.g. "cpu" or "cuda".</summary>
    public string Type { get; }

    /// <summary>Which device of that type, 0 for the first (always 0 for the CPU).</summary>
    public int Index { get; }

    /// <summary>"cpu", "cuda" (index 0) or "cuda:1", as PyTorch writes devices.</summary>
    public static Device Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        if (parts[0].Length == 0 || parts.Length > 2 || (parts.Length == 2 && !(int.TryParse(parts[1], out int i) && i >= 0)))
            throw new ArgumentException($"device '{text}': expected a type and an optional index, e.g. cpu, cuda or cuda:1");
        return new Device(parts[0], parts.Length == 2 ? int.Parse(parts[1]) : 0);
    }

    public override string ToString() => Type == "cpu" || (Index == 0 && Type != "cuda") ? Type : $"{Type}:{Index}";
}
