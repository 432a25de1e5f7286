using Hark.Models;
using static Hark.Onnx.Export.OnnxGraphBuilder;

namespace Hark.Onnx.Export;

/// <summary>
/// An ImageNet backbone's input stage (<see cref="SpectrogramImage"/>) as ONNX operators: log-mels [batch, 1, mels,
/// frames] -> three channels (Concat, or the deltas as Slice/Sub/Mul/Add over replicate-padded frames) -> the bilinear
/// resize as one Resize (linear, pytorch_half_pixel: torch's interpolate(align_corners=False) without antialiasing,
/// whatever the frame count) -> ImageNet's mean and std. An input of three channels is taken as it is.
/// </summary>
internal sealed class SpectrogramImageEmitter(LayerEmitter layers)
{
    private OnnxGraphBuilder Graph => layers.Graph;

    // x [batch, channels (1 or 3), height, width] -> [batch, 3, size, size]
    public string Emit(SpectrogramImage stage, string x, int channels, string path)
    {
        var options = stage.Options;
        if (channels == 1)
            x = options.Channels switch
            {
                ImageChannels.Repeat => Graph.Node("Concat", path + ".repeat", [x, x, x], Int("axis", 1)),
                ImageChannels.Deltas => WithDeltas(x, path + ".deltas"),
                _ => throw new NotSupportedException($"ONNX export: image channels {options.Channels} have no ONNX translation"),
            };
        if (options.Size is int size)
        {
            var batchAndChannels = Graph.Node("Slice", path + ".resize.leading", [Graph.Node("Shape", path + ".resize.shape", [x]), Graph.Int64s(0), Graph.Int64s(2), Graph.Int64s(0)]);
            var sizes = Graph.Node("Concat", path + ".resize.sizes", [batchAndChannels, Graph.Int64s(size, size)], Int("axis", 0));
            x = Graph.Node("Resize", path + ".resize", [x, "", "", sizes],
                String("mode", "linear"), String("coordinate_transformation_mode", "pytorch_half_pixel"));
        }
        if (options.Normalization == InputNormalization.None) return x;
        var mean = Graph.Initializer(path + ".mean", [.. SpectrogramImage.Mean], 1, 3, 1, 1);
        var std = Graph.Initializer(path + ".std", [.. SpectrogramImage.Std], 1, 3, 1, 1);
        return Graph.Node("Div", path + ".normalised", [Graph.Node("Sub", path + ".centred", [x, mean]), std]);
    }

    // x [batch, 1, mels, frames] -> [batch, 3, mels, frames]: the log-mel, its delta and delta-delta
    private string WithDeltas(string x, string path)
    {
        var delta = Delta(x, path + ".delta");
        return Graph.Node("Concat", path, [x, delta, Delta(delta, path + ".delta2")], Int("axis", 1));
    }

    // torchaudio's compute_deltas(win_length=5, mode="replicate") over frames, as SpectrogramImage computes it:
    // (2 (x[t+2] - x[t-2]) + x[t+1] - x[t-1]) / 10 with the edge frames repeated twice
    private string Delta(string x, string path)
    {
        var frames = Graph.Int64s(3);
        var first = Graph.Node("Slice", path + ".first", [x, Graph.Int64s(0), Graph.Int64s(1), frames]);
        var last = Graph.Node("Slice", path + ".last", [x, Graph.Int64s(-1), Graph.Int64s(long.MaxValue), frames]);
        var padded = Graph.Node("Concat", path + ".padded", [first, first, x, last, last], Int("axis", 3));
        // padded has frames + 4 columns; the frames starting at 2 + k end 2 - k before its end
        string Shifted(int k) => Graph.Node("Slice", $"{path}.shift{k}", [padded, Graph.Int64s(2 + k), Graph.Int64s(k == 2 ? long.MaxValue : k - 2), frames]);
        var outer = Graph.Node("Mul", path + ".outer", [Graph.Node("Sub", path + ".outer_diff", [Shifted(2), Shifted(-2)]), Graph.Scalar(2f)]);
        var sum = layers.Add(outer, Graph.Node("Sub", path + ".inner_diff", [Shifted(1), Shifted(-1)]), path + ".sum");
        return Graph.Node("Div", path, [sum, Graph.Scalar(10f)]);
    }
}
