using Hark.Audio.Spectral;

namespace Hark.Audio.Tests.Spectral;

public class WindowTests
{
    [Fact]
    public void PeriodicHannIsTheFirstNPointsOfTheSymmetricNPlusOneWindow()
    {
        var periodic = Window.Create(WindowFunction.Hann, 8);
        var symmetric = Window.Create(WindowFunction.Hann, 9, WindowSymmetry.Symmetric);
        Assert.Equal(symmetric[..8], periodic);
        Assert.Equal(0f, periodic[0]);
        Assert.Equal(1f, periodic[4], 1e-7f);
        Assert.Equal(0f, symmetric[8], 1e-7f);
    }

    [Theory]
    [InlineData(WindowFunction.Hamming, 0.08f, 1f)]
    [InlineData(WindowFunction.Blackman, 0f, 1f)]
    [InlineData(WindowFunction.Rectangular, 1f, 1f)]
    public void SymmetricWindowsHaveTheirKnownEdgeAndCentre(WindowFunction function, float edge, float centre)
    {
        var w = Window.Create(function, 11, WindowSymmetry.Symmetric);
        Assert.Equal(edge, w[0], 1e-6f);
        Assert.Equal(edge, w[10], 1e-6f);
        Assert.Equal(centre, w[5], 1e-6f);
    }
}
