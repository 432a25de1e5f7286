using Hark.Nn;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' plain CNNs: Cnn14 (six <see cref="PannsConvBlock"/>s, <c>conv_block1</c> .. <c>conv_block6</c>, widths
/// Width x 1 .. 32; also Cnn14_16k, the same network behind a 16 kHz extractor, and Cnn14_DecisionLevelAtt with
/// the attention head) and Cnn10 (four blocks, widths Width x 1 .. 8). Each block is followed by dropout; every block
/// but a sixth average-pools 2x2, as in PANNs. The rest is <see cref="PannsClassifier"/>.
/// </summary>
public sealed class PannsCnn : PannsClassifier
{
    public const int Cnn14Blocks = 6;
    public const int Cnn10Blocks = 4;

    private readonly List<PannsConvBlock> convBlocks = [];

    public PannsCnn(PannsOptions options, Generator generator, int blocks = Cnn14Blocks) : base(options)
    {
        if (blocks is not (Cnn10Blocks or Cnn14Blocks))
            throw new ArgumentOutOfRangeException(nameof(blocks), blocks, $"PannsCnn: PANNs' Cnn10 has {Cnn10Blocks} conv blocks and Cnn14 {Cnn14Blocks}");
        int channels = options.InputChannels * options.InputCount;
        for (int i = 0; i < blocks; i++)
        {
            int width = options.Width << i;
            convBlocks.Add(RegisterModule($"conv_block{i + 1}", new PannsConvBlock(channels, width, i < 5 ? 2 : 1, generator)));
            channels = width;
        }
        RegisterHead(channels, generator);
    }

    public IReadOnlyList<PannsConvBlock> ConvBlocks => convBlocks;

    public override int TimeDownsampling => 1 << Math.Min(convBlocks.Count, 5);

    // x [batch, channels, frames, mels] -> [batch, Width << (blocks - 1), frames / TimeDownsampling, mels / TimeDownsampling]
    protected override Tensor Body(Tensor x)
    {
        foreach (var block in convBlocks)
        {
            var blockOutput = block.Forward(x);
            var y = BlockDropout.Forward(blockOutput);
            x = y;
        }
        return x;
    }
}
