namespace Hark.Nn.Schedules;

/// <summary>The memory of a <see cref="ReduceLROnPlateau"/>: best metric so far, steps without improvement, cooldown left, steps taken.</summary>
public sealed record PlateauState(double Best, int NumBadEpochs, int CooldownCounter, int LastEpoch);
