using Hark.Models;
using Hark.Nn;
using static Hark.Onnx.Export.OnnxGraphBuilder;

namespace Hark.Onnx.Export;

/// <summary>
/// Hark's layers as ONNX operators, in evaluation mode (batch norms use their running statistics, dropout is the
/// identity). Each method mirrors the layer's Forward; its <c>path</c> argument is the layer's state-dict
/// prefix, so the graph's initializers carry the checkpoint's names (<c>conv_block1.conv1.weight</c>).
/// </summary>
internal sealed class LayerEmitter(OnnxGraphBuilder graph)
{
    public OnnxGraphBuilder Graph { get; } = graph;

    /// <summary>Any layer the zoo's Sequentials and blocks hold; others are refused naming their type.</summary>
    public string Layer(Layer layer, string x, string path) => layer switch
    {
        Conv2d conv => Conv(conv, x, path),
        BatchNorm norm => BatchNorm(norm, x, path),
        ReLU => Relu(x, path),
        SiLU => Silu(x, path),
        Linear linear => Linear(linear, x, path),
        LeakyReLU leaky => Graph.Node("LeakyRelu", path + ".leaky_relu", [x], Float("alpha", (float)leaky.NegativeSlope)),
        MaxPool2d pool => MaxPool(x, pool.KernelSize, pool.Stride, pool.Padding, path),
        AvgPool2d pool => AveragePool(x, pool.KernelSize, pool.Stride, pool.Padding, path),
        Dropout or Identity or StochasticDepth => x,
        Sequential sequential => Sequential(sequential, x, path),
        SqueezeExcitation se => SqueezeExcitation(se, x, path),
        SeBasicBlock block => SeBasicBlock(block, x, path),
        Bottleneck block => Bottleneck(block, x, path),
        MBConv block => MBConv(block, x, path),
        Conv2dNormActivation block => Conv2dNormActivation(block, x, path),
        KerasCnnBlock block => KerasCnnBlock(block, x, path),
        PannsConvBlock block => PannsConvBlock(block, x, path),
        PannsResidualBlock block => PannsResidualBlock(block, x, path),
        PannsResNet resnet => PannsResNet(resnet, x, path),
        SeedCnnBranch branch => ReduceMean(Sequential(branch.Features, x, path + ".f"), [2, 3], keepDims: false, path + ".mean"),
        _ => throw new NotSupportedException($"ONNX export: layer {path} ({layer.GetType().Name}) has no ONNX translation"),
    };

    public string Sequential(Sequential sequential, string x, string path)
    {
        for (int i = 0; i < sequential.Count; i++) x = Layer(sequential[i], x, $"{path}.{i}");
        return x;
    }

    // x [N, in_channels, H, W] -> [N, out_channels, OH, OW]; tfSamePadding: TensorFlow's "same" padding from the input
    // size (ONNX's auto_pad SAME_UPPER: the odd extra pixel after), in place of the conv's own symmetric padding
    public string Conv(Conv2d conv, string x, string path, bool tfSamePadding = false)
    {
        List<string> inputs = [x, Graph.Weight(path + ".weight", conv.Weight)];
        if (conv.Bias is not null) inputs.Add(Graph.Weight(path + ".bias", conv.Bias));
        var padding = tfSamePadding ? String("auto_pad", "SAME_UPPER")
            : Ints("pads", conv.Padding.Height, conv.Padding.Width, conv.Padding.Height, conv.Padding.Width);
        return Graph.Node("Conv", path, inputs,
            Ints("kernel_shape", conv.KernelSize.Height, conv.KernelSize.Width),
            Ints("strides", conv.Stride.Height, conv.Stride.Width),
            padding,
            Ints("dilations", conv.Dilation.Height, conv.Dilation.Width),
            Int("group", conv.Groups));
    }

    // x [N, C, ...] normalised per channel C with the running statistics
    public string BatchNorm(BatchNorm norm, string x, string path)
    {
        if (norm.RunningMean is null || norm.RunningVar is null)
            throw new NotSupportedException($"ONNX export: batch norm {path} has no running statistics, so evaluation would use each batch's own");
        var ones = Enumerable.Repeat(1f, norm.NumFeatures).ToArray();
        var scale = norm.Weight is null ? Graph.Initializer(path + ".weight", ones, norm.NumFeatures) : Graph.Weight(path + ".weight", norm.Weight);
        var bias = norm.Bias is null ? Graph.Initializer(path + ".bias", new float[norm.NumFeatures], norm.NumFeatures) : Graph.Weight(path + ".bias", norm.Bias);
        return Graph.Node("BatchNormalization", path, [x, scale, bias, Graph.Weight(path + ".running_mean", norm.RunningMean), Graph.Weight(path + ".running_var", norm.RunningVar)],
            Float("epsilon", (float)norm.Eps));
    }

    // x [..., in_features] -> x W^T + b [..., out_features]
    public string Linear(Linear linear, string x, string path) =>
        MatMulAdd(x, linear.Weight.ToArray(), linear.InFeatures, linear.OutFeatures, linear.Bias?.ToArray(), path);

    // x [batch, length, in_channels] -> [batch, length, out_channels]
    public string PointwiseConv1d(PointwiseConv1d conv, string x, string path) =>
        MatMulAdd(x, conv.Weight.ToArray(), conv.InChannels, conv.OutChannels, conv.Bias.ToArray(), path);

    public string Relu(string x, string path) => Graph.Node("Relu", path + ".relu", [x]);

    // x * sigmoid(x): opset 17 has no SiLU operator
    public string Silu(string x, string path) => Mul(x, Graph.Node("Sigmoid", path + ".silu.sigmoid", [x]), path + ".silu");

    public string MaxPool(string x, (int Height, int Width) kernel, (int Height, int Width) stride, (int Height, int Width) padding, string path) =>
        Graph.Node("MaxPool", path, [x], Ints("kernel_shape", kernel.Height, kernel.Width), Ints("strides", stride.Height, stride.Width),
            Ints("pads", padding.Height, padding.Width, padding.Height, padding.Width));

    // torch's avg_pool2d default count_include_pad=True, as Hark's AvgPool2d
    public string AveragePool(string x, (int Height, int Width) kernel, (int Height, int Width) stride, (int Height, int Width) padding, string path) =>
        Graph.Node("AveragePool", path, [x], Ints("kernel_shape", kernel.Height, kernel.Width), Ints("strides", stride.Height, stride.Width),
            Ints("pads", padding.Height, padding.Width, padding.Height, padding.Width), Int("count_include_pad", 1));

    public string ReduceMean(string x, long[] axes, bool keepDims, string path) =>
        Graph.Node("ReduceMean", path, [x], Ints("axes", axes), Int("keepdims", keepDims ? 1 : 0));

    public string ReduceMax(string x, long[] axes, bool keepDims, string path) =>
        Graph.Node("ReduceMax", path, [x], Ints("axes", axes), Int("keepdims", keepDims ? 1 : 0));

    public string Add(string a, string b, string path) => Graph.Node("Add", path, [a, b]);

    public string Mul(string a, string b, string path) => Graph.Node("Mul", path, [a, b]);

    private string MatMulAdd(string x, float[] weight, int inFeatures, int outFeatures, float[]? bias, string path)
    {
        // weight [out, in] stored transposed [in, out], so the node is one MatMul over any leading axes
        var transposed = new float[weight.Length];
        for (int o = 0; o < outFeatures; o++)
            for (int i = 0; i < inFeatures; i++) transposed[i * outFeatures + o] = weight[o * inFeatures + i];
        var product = Graph.Node("MatMul", path + ".matmul", [x, Graph.Initializer(path + ".weight_t", transposed, inFeatures, outFeatures)]);
        return bias is null ? product : Graph.Node("Add", path, [product, Graph.Initializer(path + ".bias", bias, outFeatures)]);
    }

    // as SqueezeExcitation.Forward (ReLU, or SiLU in EfficientNet's blocks)
    private string SqueezeExcitation(SqueezeExcitation se, string x, string path)
    {
        var squeezed = ReduceMean(x, [2, 3], keepDims: true, path + ".squeeze");
        var reduced = Layer(se.Activation, Conv(se.Fc1, squeezed, path + ".fc1"), path + ".fc1");
        var gate = Graph.Node("Sigmoid", path + ".gate", [Conv(se.Fc2, reduced, path + ".fc2")]);
        return Mul(x, gate, path + ".scale");
    }

    // as SeBasicBlock.Forward
    private string SeBasicBlock(SeBasicBlock block, string x, string path)
    {
        var shortcut = block.Downsample is null ? x : Sequential(block.Downsample, x, path + ".downsample");
        var activated = Relu(BatchNorm(block.Bn1, Conv(block.Conv1, x, path + ".conv1"), path + ".bn1"), path + ".bn1");
        var normalised = BatchNorm(block.Bn2, Conv(block.Conv2, activated, path + ".conv2"), path + ".bn2");
        var excited = SqueezeExcitation(block.Se, normalised, path + ".se");
        return Relu(Add(excited, shortcut, path + ".add"), path);
    }

    // as Bottleneck.Forward (torchvision's ResNet v1.5)
    private string Bottleneck(Bottleneck block, string x, string path)
    {
        var a = Relu(BatchNorm(block.Bn1, Conv(block.Conv1, x, path + ".conv1"), path + ".bn1"), path + ".bn1");
        var b = Relu(BatchNorm(block.Bn2, Conv(block.Conv2, a, path + ".conv2"), path + ".bn2"), path + ".bn2");
        var c = BatchNorm(block.Bn3, Conv(block.Conv3, b, path + ".conv3"), path + ".bn3");
        var shortcut = block.Downsample is null ? x : Sequential(block.Downsample, x, path + ".downsample");
        return Relu(Add(c, shortcut, path + ".add"), path);
    }

    // as MBConv.Forward: stochastic depth is the identity in evaluation
    private string MBConv(MBConv block, string x, string path)
    {
        var result = Sequential(block.Block, x, path + ".block");
        return block.Residual ? Add(result, x, path + ".add") : result;
    }

    // as Conv2dNormActivation.Forward (keys 0 and 1)
    private string Conv2dNormActivation(Conv2dNormActivation block, string x, string path)
    {
        var normalised = BatchNorm(block.Norm, Conv(block.Conv, x, path + ".0", block.PadsDynamically), path + ".1");
        return block.Activates ? Silu(normalised, path + ".1") : normalised;
    }

    // as KerasCnnBlock.Forward
    private string KerasCnnBlock(KerasCnnBlock block, string x, string path)
    {
        var a = Relu(BatchNorm(block.Bn1, Conv(block.Conv1, x, path + ".conv1"), path + ".bn1"), path + ".bn1");
        var b = Relu(BatchNorm(block.Bn2, Conv(block.Conv2, a, path + ".conv2"), path + ".bn2"), path + ".bn2");
        return MaxPool(b, (2, 2), (2, 2), (0, 0), path + ".pool");
    }

    // as PannsConvBlock.Forward
    private string PannsConvBlock(PannsConvBlock block, string x, string path)
    {
        var a = Relu(BatchNorm(block.Bn1, Conv(block.Conv1, x, path + ".conv1"), path + ".bn1"), path + ".bn1");
        var b = Relu(BatchNorm(block.Bn2, Conv(block.Conv2, a, path + ".conv2"), path + ".bn2"), path + ".bn2");
        int pool = block.PoolSize;
        return pool == 1 ? b : AveragePool(b, (pool, pool), (pool, pool), (0, 0), path + ".pool");
    }

    // as PannsResidualBlock.Forward
    private string PannsResidualBlock(PannsResidualBlock block, string x, string path)
    {
        var pooled = block.Stride == 2 ? AveragePool(x, (2, 2), (2, 2), (0, 0), path + ".pool") : x;
        var activated = Relu(BatchNorm(block.Bn1, Conv(block.Conv1, pooled, path + ".conv1"), path + ".bn1"), path + ".bn1");
        var normalised = BatchNorm(block.Bn2, Conv(block.Conv2, activated, path + ".conv2"), path + ".bn2");
        var shortcut = block.Downsample is null ? x : Sequential(block.Downsample, x, path + ".downsample");
        return Relu(Add(normalised, shortcut, path + ".add"), path);
    }

    private string PannsResNet(PannsResNet resnet, string x, string path)
    {
        for (int i = 0; i < resnet.Layers.Count; i++) x = Sequential(resnet.Layers[i], x, $"{path}.layer{i + 1}");
        return x;
    }
}
