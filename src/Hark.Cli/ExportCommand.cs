using Hark.Onnx.Export;

namespace Hark.Cli;

/// <summary>`hark export RUN --out model.onnx`.</summary>
internal static class ExportCommand
{
    public const string Usage = "hark export RUN --out MODEL.onnx [--with-front-end]";

    public const string Help =
        "Exports a trained run to one ONNX file (opset 17) for ONNX Runtime, ML.NET or any ONNX runtime.\n"
        + "  input: 'features' [batch, channels, mels, frames], the normalised features as Hark's batches hold them (several inputs: features_0, features_1, ...)\n"
        + "  --with-front-end: input 'waveform' [batch, samples] instead, mono float32 at the run's sample rate; the front end (STFT, mel, dB, normalisation) runs inside the graph\n"
        + "  outputs: 'logits' and 'probabilities' [batch, classes], 'embedding' [batch, embedding]\n"
        + "  metadata: hark.classes, hark.multi_label, hark.front_end (JSON), hark.sample_rate, hark.clip_seconds, hark.model, hark.version\n"
        + "  the file runs in place of the run: hark predict MODEL.onnx INPUT, hark serve MODEL.onnx, hark embed MODEL.onnx INPUT --out EMB.npy";

    public static int Run(Arguments a)
    {
        var out_ = a.Required("export", "out");
        if (!out_.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"hark export: --out {out_}: expected a .onnx file name");
        var summary = OnnxExport.Export(a.Positional("export", 0, "RUN"), out_, a.Has("with-front-end"));
        Console.WriteLine($"wrote {summary.Path} ({summary.Bytes / 1024.0 / 1024.0:F1} MiB): inputs {string.Join(", ", summary.Inputs)}; outputs {string.Join(", ", summary.Outputs)}; ops {string.Join(" ", summary.OpTypes)}");
        return 0;
    }
}
