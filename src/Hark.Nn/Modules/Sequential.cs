using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Nn;

/// <summary>
/// Layers applied in order, registered as "0", "1", ... like torch.nn.Sequential, so their keys read <c>0.weight</c>.
/// The outputs between layers are private to the forward, so each is retired (<see cref="Graph.Retire"/>) once the next layer has consumed it.
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
        foreach (var layer in layers)
        {
            var y = layer.Forward(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x.Storage, y.Storage)) Graph.Retire(x);
            x = y;
        }
        return x;
    }
}
