using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Normalization;
using Hark.Audio.Spectral;
using Hark.Models;
using Hark.Nn;
using Hark.Onnx.Export;
using Hark.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Tests;

/// <summary>
/// Export with the front end in the graph (<c>--with-front-end</c>): ONNX Runtime on the waveform gives what Hark's whole
/// pipeline gives (<see cref="FrontEnd.Apply(ReadOnlySpan{float}, int, Generator?)"/> then the model) within 1e-3,
/// for every front-end preset (none is excluded) and the normalisations, dB references and spectra the presets do not
/// use. The waveforms are 1.3 s, so the 1 s and 5 s length policies both trim and pad.
/// </summary>
public sealed class FrontEndExportTests
{
    public static TheoryData<string, string, string> Pipelines => new()
    {
        { "seed-audio", "seed-cnn", "" },
        { "librosa", "seed-cnn", "" },
        { "torchaudio", "seed-cnn", "" },
        { "panns32k", "seed-cnn", "" },
        { "panns16k", "seed-cnn", "" },
        { "seed001", "seed-cnn", "" },
        { "panns32k", "cnn14", "" },
        { "panns16k", "cnn14", "" },
        { "panns32k", "cnn14", "mel-bin" },
        { "seed-audio", "seed-cnn", "min-max" },
        { "librosa", "seed-cnn", "magnitude" },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void OnnxRuntimeOnTheWaveformGivesHarksPipeline(string preset, string name, string variant)
    {
        const int classes = 4, batch = 2;
        var config = Variant(FrontEnd.Preset(preset), variant);
        var frontEnd = new FrontEnd(config);
        var model = ModelZoo.Create(new ModelConfig { Name = name, Width = name == "seed-cnn" ? 8 : 4 }, new ModelInputs(classes, 1, 1, config.NMels), new Generator(3));
        ZooExportTests.RandomiseBatchNorms(model, new Generator(4));
        model.Eval();
        int samples = (int)(1.3 * config.SampleRate);
        var waveforms = Enumerable.Range(0, batch).Select(b => Waveform(samples, config.SampleRate, new Generator(10 + (ulong)b))).ToArray();

        var features = waveforms.Select(w => frontEnd.Apply(w, config.SampleRate)).ToArray();
        int mels = features[0].Size(0), frames = features[0].Size(1);
        var input = Tensor.FromArray([.. features.SelectMany(f => f.ToArray())], batch, 1, mels, frames);
        var metadata = new OnnxMetadata([.. Enumerable.Range(0, classes).Select(i => $"c{i}")], true, config, "waveform", name, OnnxExport.HarkVersion);
        var bytes = OnnxExport.ToBytes(model, [[1, mels, frames]], metadata);

        using var session = new InferenceSession(bytes);
        using var value = OrtValue.CreateTensorValueFromMemory(waveforms.SelectMany(w => w).ToArray(), [batch, samples]);
        using var results = session.Run(new RunOptions(), ["waveform"], [value], ["probabilities", "embedding"]);
        var what = $"{preset} {variant} -> {name}";
        ZooExportTests.AssertClose(Ops.Sigmoid(model.Forward([input])).ToArray(), results[0].GetTensorDataAsSpan<float>().ToArray(), what + " probabilities", 1e-3f);
        ZooExportTests.AssertClose(model.Embed([input]).ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray(), what + " embedding", 1e-3f);
    }

    [Fact]
    public void ExportRefusesALengthPolicyTheGraphCannotHold()
    {
        var config = FrontEnd.SeedAudio with { Length = new LengthPolicy { Seconds = 1, Crop = CropPosition.Random } };
        var model = ModelZoo.Create(new ModelConfig { Name = "seed-cnn", Width = 4 }, new ModelInputs(2, 1, 1, config.NMels), new Generator(1));
        model.Eval();
        var metadata = new OnnxMetadata(["a", "b"], false, config, "waveform", "seed-cnn", OnnxExport.HarkVersion);
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model, [[1, config.NMels, 101]], metadata));
        Assert.Contains("Random", error.Message);
    }

    // settings no preset uses, on top of a preset: fitted per-mel statistics with a clamp, min-max scaling, |X| in 20 log10 relative to the clip's maximum
    private static FrontEndConfig Variant(FrontEndConfig config, string variant) => variant switch
    {
        "" => config,
        "mel-bin" => config with
        {
            Normalization = new NormalizationOptions
            {
                Kind = NormalizationKind.MelBinStandardization,
                Mean = [.. Enumerable.Range(0, config.NMels).Select(m => -40.0 + 0.3 * m)],
                Std = [.. Enumerable.Range(0, config.NMels).Select(m => 8.0 + 0.05 * m)],
            }.WithClamp(-3, 3),
        },
        "min-max" => config with { Normalization = new NormalizationOptions { Kind = NormalizationKind.MinMax, Min = -100, Max = 20 } },
        "magnitude" => config with { Spectrum = SpectrumKind.Magnitude, Db = new PowerToDbOptions { Multiplier = 20, Ref = DbReference.ClipMaximum, TopDb = 60 } },
        _ => throw new ArgumentException($"unknown variant '{variant}'"),
    };

    // two tones, a chirp and noise, peaking below 1
    private static float[] Waveform(int samples, int sampleRate, Generator generator)
    {
        var wave = new float[samples];
        double f1 = 200 + 800 * generator.NextDouble(), f2 = 1000 + 3000 * generator.NextDouble();
        for (int i = 0; i < samples; i++)
        {
            double t = (double)i / sampleRate;
            wave[i] = (float)(0.3 * Math.Sin(2 * Math.PI * f1 * t) + 0.2 * Math.Sin(2 * Math.PI * f2 * t) + 0.1 * Math.Sin(2 * Math.PI * (100 + 2000 * t) * t)
                + 0.05 * (generator.NextDouble() * 2 - 1));
        }
        return wave;
    }
}
