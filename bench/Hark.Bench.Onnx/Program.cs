using System.Diagnostics;
using Hark.Audio.FrontEnds;
using Hark.Models;
using Hark.Onnx;
using Hark.Onnx.Export;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Microsoft.ML.OnnxRuntime;

// Hark.Bench.Onnx speed [steps]   inference samples/s of Hark's engine and ONNX Runtime (CPU) on the same model: the zoo's
//                                 seed-cnn (3 inputs of 3x96x96, 16 classes, batch 32) and PANNs' Cnn14 (1x64x1001 = 10 s
//                                 at 32 kHz, 527 classes, batch 8); the PyTorch peers are ../shared/bench/peer_torch_cnn.py
//                                 and bench/torch_cnn14.py (bench/onnx.sh runs all three)
// Hark.Bench.Onnx export-zoo DIR  every zoo model at a small width exported to DIR/<name>.onnx, and waveform-in files
//                                 (--with-front-end) for seed-cnn on seed-audio and cnn14 on panns32k as
//                                 DIR/<name>-waveform.onnx (for tools/onnx_check.py)
string mode = args.Length > 0 ? args[0] : "speed";
switch (mode)
{
    case "speed":
        int steps = args.Length > 1 ? int.Parse(args[1]) : 5;
        Speed("seed-cnn", Build(new ModelConfig { Name = "seed-cnn" }, new ModelInputs(16, 3, 3, 96)), [3, 96, 96], 3, batch: 32, steps * 2);
        Speed("cnn14", Build(new ModelConfig { Name = "cnn14" }, new ModelInputs(527)), [1, 64, 1001], 1, batch: 8, steps);
        return 0;
    case "export-zoo":
        Directory.CreateDirectory(args[1]);
        foreach (var (name, inputs, channels) in new[] { ("seed-cnn", 3, 3), ("keras-cnn", 1, 1), ("resnet-se", 1, 1), ("cnn14", 1, 1), ("cnn14-decision-level-att", 1, 1), ("cnn10", 1, 1), ("resnet38", 1, 1), ("resnet50", 1, 1), ("efficientnet-v2-s", 1, 1), ("efficientnet-v2-m", 1, 1) })
            Write(args[1], name, Build(SmallConfig(name), new ModelInputs(10, inputs, channels, 64)), Enumerable.Range(0, inputs).Select(_ => new[] { channels, 64, 101 }).ToList(), Metadata(name, 10, FrontEnd.Preset("panns32k"), "features"));
        foreach (var (name, preset) in new[] { ("seed-cnn", "seed-audio"), ("cnn14", "panns32k") })
        {
            var frontEnd = FrontEnd.Preset(preset);
            int frames = new FrontEnd(frontEnd).Apply(new float[frontEnd.SampleRate], frontEnd.SampleRate).Size(1);
            Write(args[1], name + "-waveform", Build(SmallConfig(name), new ModelInputs(10, 1, 1, frontEnd.NMels)), [[1, frontEnd.NMels, frames]], Metadata(name, 10, frontEnd, "waveform"));
        }
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; expected speed or export-zoo DIR");
        return 2;
}

static AudioClassifier Build(ModelConfig config, ModelInputs inputs)
{
    var model = ModelZoo.Create(config, inputs, new Generator(0));
    model.Eval();
    return model;
}

// the export check's small widths: the backbones at width 4 (resnet50) or 0.25 x width and depth, resized to 64 x 64
static ModelConfig SmallConfig(string name) => name switch
{
    "seed-cnn" or "keras-cnn" or "resnet-se" => new() { Name = name, Width = 8 },
    "resnet50" => new() { Name = name, Width = 4, ImageSize = 64 },
    "efficientnet-v2-s" or "efficientnet-v2-m" => new() { Name = name, WidthMultiplier = 0.25, DepthMultiplier = 0.25, ImageSize = 64 },
    _ => new() { Name = name, Width = 4 },
};

static void Write(string folder, string file, AudioClassifier model, List<int[]> shapes, OnnxMetadata metadata)
{
    var path = Path.Combine(folder, file + ".onnx");
    File.WriteAllBytes(path, OnnxExport.ToBytes(model, shapes, metadata));
    Console.WriteLine($"{path}: {new FileInfo(path).Length} bytes");
}

static OnnxMetadata Metadata(string name, int classes, FrontEndConfig frontEnd, string input) =>
    new([.. Enumerable.Range(0, classes).Select(i => $"class_{i}")], false, frontEnd, input, name, OnnxExport.HarkVersion);

// one warm-up pass each, then `steps` timed passes of the same batch
static void Speed(string name, AudioClassifier model, int[] shape, int inputCount, int batch, int steps)
{
    var generator = new Generator(1);
    var inputs = Enumerable.Range(0, inputCount).Select(_ =>
    {
        var x = Tensor.Empty([batch, .. shape]);
        var span = x.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)generator.NextGaussian();
        return x;
    }).ToArray();

    void Hark()
    {
        using var scope = MemoryScope.Begin();
        model.Forward(inputs);
    }
    double harkRate;
    using (Graph.NoGrad())
    {
        Hark();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Hark();
        harkRate = steps * batch / watch.Elapsed.TotalSeconds;
    }
    Console.WriteLine($"{name} hark infer samples/s {harkRate:F2}");

    var bytes = OnnxExport.ToBytes(model, Enumerable.Range(0, inputCount).Select(_ => shape).ToList(), Metadata(name, model.ClassCount, FrontEnd.Preset("panns32k"), "features"));
    using var session = new InferenceSession(bytes);
    var names = inputCount == 1 ? new[] { "features" } : Enumerable.Range(0, inputCount).Select(i => $"features_{i}").ToArray();
    var values = inputs.Select(x => OrtValue.CreateTensorValueFromMemory(x.ToArray(), [.. x.Shape.ToArray().Select(d => (long)d)])).ToArray();
    void Ort()
    {
        using var results = session.Run(new RunOptions(), names, values, ["logits"]);
    }
    Ort();
    var ortWatch = Stopwatch.StartNew();
    for (int i = 0; i < steps; i++) Ort();
    Console.WriteLine($"{name} onnxruntime infer samples/s {steps * batch / ortWatch.Elapsed.TotalSeconds:F2} ({bytes.Length / 1024.0 / 1024.0:F1} MiB model)");
    foreach (var value in values) value.Dispose();
}
