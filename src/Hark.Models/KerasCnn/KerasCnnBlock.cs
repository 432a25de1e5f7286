using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// One block of <see cref="KerasCnn"/>: Conv2D 3x3 'same' -> BatchNormalization -> ReLU, twice, then MaxPooling2D(2)
/// and Dropout (no parameters). Keys: <c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>.
/// </summary>
public sealed class KerasCnnBlock : Layer
{
    public KerasCnnBlock(int inChannels, int outChannels, double dropoutProbability, KerasCnnOptions options, Generator generator)
    {
        Conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, generator, padding: 1));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels, options.BatchNormEps, options.BatchNormMomentum));
        Conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, generator, padding: 1));
        Bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels, options.BatchNormEps, options.BatchNormMomentum));
        Dropout = RegisterModule("dropout", new Dropout(generator.Fork(), dropoutProbability));
    }

    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public Conv2d Conv2 { get; }
    public BatchNorm2d Bn2 { get; }
    public Dropout Dropout { get; }

    // input [batch, in_channels, H, W] -> [batch, out_channels, H / 2, W / 2]
    public override Tensor Forward(Tensor input)
    {
        var x = ConvBatchNormRelu.Forward(input, Conv1, Bn1);
        var y = ConvBatchNormRelu.Forward(x, Conv2, Bn2);
        var pooled = Ops.MaxPool2d(y, 2);
        var output = Dropout.Forward(pooled);
        return output;
    }
}
