using Hark.Tensors;

namespace Hark.Nn;

/// <summary>Layers applied in order, registered as "0", "1", ... like torch.nn.Sequential, so their keys read <c>0.weight</c>.</summary>
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
        foreach (var layer in layers) input = layer.Forward(input);
        return input;
    }
}
