using System.Buffers;

namespace Hark.Audio;

/// <summary>
/// The mono samples of one decoded file (<see cref="AudioFile.DecodeMonoRented(ReadOnlySpan{byte}, string)"/>), in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> when the file was decoded in managed code. <see cref="Dispose"/> gives the buffer back;
/// the samples must not be used after it. Meant for batch jobs that turn each clip into features and keep only those: a
/// clip of more than about 21,000 samples would otherwise be a fresh large-object allocation, and a batch of them spends
/// its time in full garbage collections.
/// </summary>
public sealed class RentedMonoSamples : IDisposable
{
    private float[]? _buffer;
    private readonly bool _rented;
    private readonly int _length;

    internal RentedMonoSamples(float[] buffer, int length, int sampleRate, bool rented)
    {
        _buffer = buffer;
        _length = length;
        SampleRate = sampleRate;
        _rented = rented;
    }

    public ReadOnlySpan<float> Samples => (_buffer ?? throw new ObjectDisposedException(nameof(RentedMonoSamples))).AsSpan(0, _length);

    public int SampleRate { get; }

    /// <summary>Length in seconds.</summary>
    public double Duration => (double)_length / SampleRate;

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _rented) ArrayPool<float>.Shared.Return(buffer);
    }
}
