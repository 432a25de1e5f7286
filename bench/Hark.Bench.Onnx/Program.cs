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
// Hark.Bench.Onnx export-zoo DIR  every zoo model at a small width exported to DIR/<name>.onnx (for tools/onnx_check.py)
string mode = args.Length > 0 ? args[0] : "speed";
switch (mode)
{
    case "speed":
        int steps = args.Length > 1 ? int.Parse(args[1]) : 5;
        Speed("seed-cnn", Build("seed-cnn", null, new ModelInputs(16, 3, 3, 96)), [3, 96, 96], 3, batch: 32, steps * 2);
        Speed("cnn14", Build("cnn14", null, new ModelInputs(527)), [1, 64, 1001], 1, batch: 8, steps);
        return 0;
    case "export-zoo":
        Directory.CreateDirectory(args[1]);
        foreach (var (name, inputs, channels) in new[] { ("seed-cnn", 3, 3), ("keras-cnn", 1, 1), ("resnet-se", 1, 1), ("cnn14", 1, 1), ("cnn14-decision-level-att", 1, 1), ("cnn10", 1, 1), ("resnet38", 1, 1) })
        {
            var model = Build(name, name.StartsWith("seed") || name == "keras-cnn" || name == "resnet-se" ? 8 : 4, new ModelInputs(10, inputs, channels, 64));
            var path = Path.Combine(args[1], name + ".onnx");
            File.WriteAllBytes(path, OnnxExport.ToBytes(model, Enumerable.Range(0, inputs).Select(_ => new[] { channels, 64, 101 }).ToList(), Metadata(name, 10)));
            Console.WriteLine($"{path}: {new FileInfo(path).Length} bytes");
        }
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; expected speed or export-zoo DIR");
        return 2;
}

static AudioClassifier Build(string name, int? width, ModelInputs inputs)
{
    var model = ModelZoo.Create(new ModelConfig { Name = name, Width = width }, inputs, new Generator(0));
    model.Eval();
    return model;
}

static OnnxMetadata Metadata(string name, int classes) =>
    new([.. Enumerable.Range(0, classes).Select(i => $"class_{i}")], false, FrontEnd.Preset("panns32k"), "features", name, OnnxExport.HarkVersion);

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

    var bytes = OnnxExport.ToBytes(model, Enumerable.Range(0, inputCount).Select(_ => shape).ToList(), Metadata(name, model.ClassCount));
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
