using Hark.Audio.Cropping;
using Hark.Audio.FrontEnds;
using Hark.Audio.Normalization;
using Hark.Audio.Spectral;
using static Hark.Onnx.Export.OnnxGraphBuilder;

namespace Hark.Onnx.Export;

/// <summary>
/// A front end (<see cref="FrontEndConfig"/>) as ONNX operators, mirroring <see cref="FrontEnd"/>'s steps after
/// resampling: waveform [batch, samples] at the run's rate -> length policy (pad with zeros / trim at the end) -> centre
/// padding (reflect or zeros) -> windowed DFT as one Conv with constant cos/sin kernels (exact, where the STFT op is not
/// supported everywhere) -> |X|^2 (or |X|) -> mel matrix (MatMul) -> dB with its floor and top_db per clip -> the run's
/// normalisation -> features [batch, 1, mels, frames]. Every preset is expressible; a length policy that crops at
/// random or from the centre, or pads by repeating, is refused (those are training-time choices an export cannot hold).
/// </summary>
internal sealed class FrontEndEmitter(OnnxGraphBuilder graph)
{
    private const string Path = "front_end";

    public string Emit(FrontEndConfig config, string waveform)
    {
        config.Validate();
        var x = Length(config.Length, config.SampleRate, waveform);
        var stft = new Stft(config.StftOptions);
        x = CentrePad(stft, x);
        x = graph.Node("Unsqueeze", Path + ".unsqueeze", [x, graph.Int64s(1)]);
        var spectrum = Spectrum(stft, config.Spectrum, x);
        var bank = new MelFilterBank(config.MelOptions);
        x = graph.Node("MatMul", Path + ".mel", [graph.Initializer(Path + ".mel.weight", bank.Weights, bank.NMels, bank.Bins), spectrum]);
        if (config.Db is { } db) x = Decibels(db, x);
        x = Normalise(config.Normalization, config.NMels, x);
        return graph.Node("Unsqueeze", Path + ".features", [x, graph.Int64s(1)]);
    }

    // as Cropping.Length.Apply with a start crop and zero padding: append `samples` zeros, keep the first `samples`
    private string Length(LengthPolicy? policy, int sampleRate, string x)
    {
        if (policy is null) return x;
        if (policy.Crop != CropPosition.Start || policy.Padding != ShortClipPadding.Zeros)
            throw new NotSupportedException($"ONNX export --with-front-end: the length policy crops at {policy.Crop} and pads with {policy.Padding}; the graph expresses a start crop with zero padding only (export without --with-front-end and crop before the model)");
        int samples = policy.Samples(sampleRate);
        var padded = graph.Node("Pad", Path + ".length.pad", [x, graph.Int64s(0, 0, 0, samples)], String("mode", "constant"));
        return graph.Node("Slice", Path + ".length", [padded, graph.Int64s(0), graph.Int64s(samples), graph.Int64s(1)]);
    }

    // as Stft.Pad: n_fft / 2 samples each side, mirrored without the edge (numpy's and ONNX's reflect) or zeros
    private string CentrePad(Stft stft, string x)
    {
        if (stft.PadLength == 0) return x;
        var mode = stft.Options.Center == CenterPadding.Reflect ? "reflect" : "constant";
        return graph.Node("Pad", Path + ".center", [x, graph.Int64s(0, stft.PadLength, 0, stft.PadLength)], String("mode", mode));
    }

    // [batch, 1, padded] -> [batch, bins, frames]: a Conv whose kernels are window * cos and window * sin of each bin
    private string Spectrum(Stft stft, SpectrumKind kind, string x)
    {
        int nFft = stft.Options.NFft, bins = stft.Bins, hop = stft.Options.ResolvedHopLength, winLength = stft.Options.ResolvedWinLength;
        var window = new float[nFft];
        Window.Fill(stft.Options.Window, window.AsSpan((nFft - winLength) / 2, winLength), stft.Options.WindowSymmetry);
        var kernels = new float[2 * bins * nFft];
        for (int k = 0; k < bins; k++)
            for (int n = 0; n < nFft; n++)
            {
                double phase = 2 * Math.PI * ((long)k * n % nFft) / nFft;
                kernels[k * nFft + n] = (float)(window[n] * Math.Cos(phase));
                kernels[(bins + k) * nFft + n] = (float)(-window[n] * Math.Sin(phase));
            }
        var parts = graph.Node("Conv", Path + ".dft", [x, graph.Initializer(Path + ".dft.weight", kernels, 2 * bins, 1, nFft)],
            Ints("kernel_shape", nFft), Ints("strides", hop));
        var squares = graph.Node("Mul", Path + ".dft.square", [parts, parts]);
        var real = graph.Node("Slice", Path + ".dft.real", [squares, graph.Int64s(0), graph.Int64s(bins), graph.Int64s(1)]);
        var imaginary = graph.Node("Slice", Path + ".dft.imaginary", [squares, graph.Int64s(bins), graph.Int64s(2 * bins), graph.Int64s(1)]);
        var power = graph.Node("Add", Path + ".power", [real, imaginary]);
        return kind == SpectrumKind.Magnitude ? graph.Node("Sqrt", Path + ".magnitude", [power]) : power;
    }

    // as PowerToDb.Apply on each clip's [mels, frames]: multiplier * log10(max(x, amin)) - multiplier * log10(max(amin, ref)), top_db floor
    private string Decibels(PowerToDbOptions db, string x)
    {
        var perDecade = graph.Scalar((float)(db.Multiplier / Math.Log(10)));
        var y = graph.Node("Mul", Path + ".db", [graph.Node("Log", Path + ".db.log", [graph.Node("Max", Path + ".db.floor", [x, graph.Scalar((float)db.Amin)])]), perDecade]);
        if (db.Ref.IsClipMaximum)
        {
            var reference = graph.Node("Max", Path + ".db.ref", [ClipMax(x, Path + ".db.max"), graph.Scalar((float)db.Amin)]);
            y = graph.Node("Sub", Path + ".db.offset", [y, graph.Node("Mul", Path + ".db.ref_db", [graph.Node("Log", Path + ".db.ref_log", [reference]), perDecade])]);
        }
        else
        {
            y = graph.Node("Sub", Path + ".db.offset", [y, graph.Scalar((float)(db.Multiplier * Math.Log10(Math.Max(db.Amin, db.Ref.Value))))]);
        }
        if (db.TopDb is { } topDb)
            y = graph.Node("Max", Path + ".db.top_db", [y, graph.Node("Sub", Path + ".db.top_db.floor", [ClipMax(y, Path + ".db.top_db.max"), graph.Scalar((float)topDb)])]);
        return y;
    }

    // as FeatureNormalizer.Apply on each clip's [mels, frames]
    private string Normalise(NormalizationOptions options, int nMels, string x)
    {
        switch (options.Kind)
        {
            case NormalizationKind.PerClipStandardization:
                var centred = graph.Node("Sub", Path + ".norm.centred", [x, graph.Node("ReduceMean", Path + ".norm.mean", [x], Ints("axes", 1, 2), Int("keepdims", 1))]);
                var variance = graph.Node("ReduceMean", Path + ".norm.variance", [graph.Node("Mul", Path + ".norm.square", [centred, centred])], Ints("axes", 1, 2), Int("keepdims", 1));
                var scale = graph.Node("Add", Path + ".norm.std", [graph.Node("Sqrt", Path + ".norm.sqrt", [variance]), graph.Scalar((float)options.Epsilon)]);
                x = graph.Node("Div", Path + ".norm", [centred, scale]);
                break;
            case NormalizationKind.MelBinStandardization:
                var means = options.Mean!.Select(m => (float)m).ToArray();
                var inverse = options.Std!.Select(s => (float)(1 / (s + options.Epsilon))).ToArray();
                x = graph.Node("Sub", Path + ".norm.centred", [x, graph.Initializer(Path + ".norm.mean", means, nMels, 1)]);
                x = graph.Node("Mul", Path + ".norm", [x, graph.Initializer(Path + ".norm.inverse_std", inverse, nMels, 1)]);
                break;
            case NormalizationKind.MinMax:
                x = graph.Node("Sub", Path + ".norm.centred", [x, graph.Scalar((float)options.Min!.Value)]);
                x = graph.Node("Mul", Path + ".norm", [x, graph.Scalar((float)(1 / Math.Max(options.Max!.Value - options.Min.Value, options.Epsilon)))]);
                break;
        }
        if (options.ClampMin is { } low) x = graph.Node("Max", Path + ".clamp_min", [x, graph.Scalar((float)low)]);
        if (options.ClampMax is { } high) x = graph.Node("Min", Path + ".clamp_max", [x, graph.Scalar((float)high)]);
        return x;
    }

    private string ClipMax(string x, string name) => graph.Node("ReduceMax", name, [x], Ints("axes", 1, 2), Int("keepdims", 1));
}
