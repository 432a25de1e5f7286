namespace Hark.Audio.Resampling;

/// <summary>
/// The resamplers from recently seen input rates to one output rate, at most <see cref="Capacity"/> of them: the least
/// recently used one is dropped when a new rate arrives, so a server fed a different rate by every request holds a fixed
/// amount of memory. Thread-safe; a resampler is built outside the lock (two threads meeting a new rate may both build
/// it, and one copy is kept).
/// </summary>
public sealed class ResamplerCache
{
    private readonly int _newFreq;
    private readonly ResamplerOptions _options;
    private readonly Dictionary<int, LinkedListNode<Resampler>> _byRate = [];
    private readonly LinkedList<Resampler> _recency = new();
    private readonly Lock _lock = new();

    public ResamplerCache(int newFreq, ResamplerOptions options, int capacity = DefaultCapacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ResamplerCache: capacity must be >= 1");
        _newFreq = newFreq;
        _options = options;
        Capacity = capacity;
    }

    /// <summary>Enough for every rate a dataset mixes (8, 11.025, 16, 22.05, 32, 44.1, 48, 96 kHz ...) twice over.</summary>
    public const int DefaultCapacity = 16;

    public int Capacity { get; }

    /// <summary>Resamplers held now.</summary>
    public int Count
    {
        get { lock (_lock) return _byRate.Count; }
    }

    public Resampler From(int origFreq)
    {
        lock (_lock)
        {
            if (_byRate.TryGetValue(origFreq, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value;
            }
        }
        var built = new Resampler(origFreq, _newFreq, _options);
        lock (_lock)
        {
            if (_byRate.TryGetValue(origFreq, out var raced)) return raced.Value;
            _byRate[origFreq] = _recency.AddFirst(built);
            if (_byRate.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _byRate.Remove(oldest.Value.OrigFreq);
            }
            return built;
        }
    }
}
