namespace Hark.Nn.Schedules;

/// <summary>Whether ReduceLROnPlateau's metric improves by going down (a loss) or up (an accuracy).</summary>
public enum PlateauMode
{
    Min,
    Max,
}

/// <summary>Whether ReduceLROnPlateau's threshold is relative to the best value or an absolute margin (torch's threshold_mode).</summary>
public enum ThresholdMode
{
    Rel,
    Abs,
}
