namespace Hark.Audio.Tests.Decoding;

public class WaveformTests
{
    [Fact]
    public void FramesAndDurationFollowFromSamplesRateAndChannels()
    {
        var waveform = new Waveform(new float[12], 4, 3);
        Assert.Equal(4, waveform.Frames);
        Assert.Equal(1.0, waveform.Duration);
    }

    [Fact]
    public void ConstructorRejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Waveform(new float[4], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Waveform(new float[4], 8000, 0));
        Assert.Contains("whole number of frames", Assert.Throws<ArgumentException>(() => new Waveform(new float[5], 8000, 2)).Message);
        Assert.Throws<ArgumentNullException>(() => new Waveform(null!, 8000, 1));
    }

    [Fact]
    public void ToMonoAveragesChannelsAndReturnsMonoItself()
    {
        var stereo = new Waveform([1f, 0f, 0.5f, -0.5f, -1f, -0.5f], 16000, 2);
        var mono = stereo.ToMono();
        Assert.Equal([0.5f, 0f, -0.75f], mono.Samples);
        Assert.Equal((1, 16000), (mono.Channels, mono.SampleRate));
        Assert.Same(mono, mono.ToMono());
    }
}
