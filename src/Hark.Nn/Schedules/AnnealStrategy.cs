namespace Hark.Nn.Schedules;

/// <summary>How OneCycleLR moves between its phase end points (torch's anneal_strategy 'cos' / 'linear').</summary>
public enum AnnealStrategy
{
    Cos,
    Linear,
}
