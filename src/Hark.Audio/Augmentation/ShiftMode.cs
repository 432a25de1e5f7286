namespace Hark.Audio.Augmentation;

/// <summary>What a time shift does with the samples it pushes past an end.</summary>
public enum ShiftMode
{
    /// <summary>They wrap around to the other end (numpy.roll / torch.roll).</summary>
    Roll,

    /// <summary>They are dropped and the vacated end is filled with silence.</summary>
    Zero,
}
