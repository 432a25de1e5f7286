using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn;

/// <summary>
/// Layers applied in order, registered as "0", "1", ... like torch.nn.Sequential, so their keys read <c>0.weight</c>.
/// A batch norm followed by a ReLU or LeakyReLU runs as one fused op (<see cref="BatchNorm.ForwardActivated"/>): same numbers, less memory traffic;
/// with a Conv2d before them the three (and a MaxPool2d after them) run as <see cref="ConvBatchNormActivation"/> (folded into the
/// convolution in evaluation without a graph).
/// </summary>
public sealed class Sequential : Layer
{
    private readonly List<Layer> layers = [];

    public Sequential(params IEnumerable<Layer> layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    public Sequential Append(Layer layer)
    {
        layers.Add(RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        return this;
    }

    public int Count => layers.Count;
    public Layer this[int index] => layers[index];

    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < layers.Count; i++)
        {
            Tensor y;
            if (layers[i] is Conv2d conv && i + 2 < layers.Count && layers[i + 1] is BatchNorm2d convNorm && ActivationSlope(layers[i + 2]) is float slope)
            {
                var pool = i + 3 < layers.Count ? layers[i + 3] as MaxPool2d : null;
                y = pool is null ? ConvBatchNormActivation.Forward(x, conv, convNorm, slope) : ConvBatchNormActivation.Forward(x, conv, convNorm, slope, pool);
                i += pool is null ? 2 : 3;
            }
            else if (layers[i] is BatchNorm norm && i + 1 < layers.Count && ActivationSlope(layers[i + 1]) is float negativeSlope)
            {
                y = norm.ForwardActivated(x, negativeSlope);
                i++;
            }
            else
            {
                y = layers[i].Forward(x);
            }
            x = y;
        }
        return x;
    }

    // the negative slope of an activation that fuses into a preceding batch norm, or null
    private static float? ActivationSlope(Layer layer) => layer switch
    {
        ReLU => 0f,
        LeakyReLU leaky => (float)leaky.NegativeSlope,
        _ => null,
    };
}
