using Hark.Audio.Spectral;
using Hark.Audio.Tests.Fixtures;

namespace Hark.Audio.Tests.Spectral;

public class MfccTests
{
    [Fact]
    public void MfccAndDeltasMatchTorchaudio()
    {
        var f = DspFixtures.Load("front_ends.safetensors");
        var x = f["mfcc.input"].ToArray();
        var mel = new MelSpectrogram(new StftOptions { NFft = 400, HopLength = 160 }, new MelFilterBankOptions { SampleRate = 16000, NFft = 400, NMels = 40 });
        var logMel = mel.Compute(x);
        PowerToDb.Apply(logMel.Span, new PowerToDbOptions { TopDb = 80 });
        var mfcc = new Mfcc(13, 40).Apply(logMel);
        var expected = f["mfcc.expected"];
        Assert.Equal(expected.Shape, mfcc.Shape);
        double error = DspFixtures.MaxAbsDifference(mfcc.ToArray(), expected.ToArray());
        Assert.True(error <= 2e-3, $"MFCC max abs difference {error:E2}");

        var deltas = Deltas.Compute(expected);
        Assert.True(DspFixtures.MaxAbsDifference(deltas.ToArray(), f["mfcc.deltas"].ToArray()) <= 1e-4);
        var deltas7 = Deltas.Compute(expected, winLength: 7);
        Assert.True(DspFixtures.MaxAbsDifference(deltas7.ToArray(), f["mfcc.deltas_win7"].ToArray()) <= 1e-4);
    }

    [Fact]
    public void TheDctIsOrthonormal()
    {
        var dct = new Mfcc(20, 20).Matrix;
        for (int a = 0; a < 20; a++)
            for (int b = 0; b < 20; b++)
            {
                double dot = 0;
                for (int n = 0; n < 20; n++) dot += dct[a * 20 + n] * dct[b * 20 + n];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-6);
            }
    }
}
