namespace Hark.Nn;

/// <summary>Which fan scales a Kaiming initialisation (torch's mode='fan_in' / 'fan_out').</summary>
public enum FanMode
{
    FanIn,
    FanOut,
}
