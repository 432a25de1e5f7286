using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' _ResNet with _ResnetBasicBlock (<see cref="PannsResidualBlock"/>): <c>layer1</c> .. <c>layer4</c>, each a
/// sequence of blocks ("0", "1", ...) of width Width x 1, 2, 4, 8, the first block of layers 2 .. 4 halving the size
/// (PANNs: Width 64; ResNet38's blocks per layer are 3, 4, 6, 3).
/// </summary>
public sealed class PannsResNet : Layer
{
    private readonly List<Sequential> layers = [];

    public PannsResNet(int width, IReadOnlyList<int> blocksPerLayer, double dropout, Generator generator)
    {
        int channels = width;
        for (int i = 0; i < blocksPerLayer.Count; i++)
        {
            int planes = width << i;
            var layer = new Sequential();
            for (int b = 0; b < blocksPerLayer[i]; b++)
                layer.Append(new PannsResidualBlock(b == 0 ? channels : planes, planes, b == 0 && i > 0 ? 2 : 1, dropout, generator));
            layers.Add(RegisterModule($"layer{i + 1}", layer));
            channels = planes;
        }
        OutChannels = channels;
    }

    public IReadOnlyList<Sequential> Layers => layers;
    public int OutChannels { get; }

    // input [batch, width, H, W] -> [batch, width << 3, H / 8, W / 8] for four layers
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var y = layer.Forward(x);
            x = y;
        }
        return x;
    }
}
