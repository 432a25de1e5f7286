using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.BCEWithLogitsLoss for multi-label targets, with optional weight and per-class pos_weight (buffers, as in torch).</summary>
public sealed class BCEWithLogitsLoss : Module
{
    public BCEWithLogitsLoss(Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean)
    {
        Weight = weight is null ? null : RegisterBuffer("weight", weight);
        PosWeight = posWeight is null ? null : RegisterBuffer("pos_weight", posWeight);
        Reduction = reduction;
    }

    public Tensor? Weight { get; }
    public Tensor? PosWeight { get; }
    public Reduction Reduction { get; }

    // logits and targets [N, C]; targets in [0, 1]
    public Tensor Forward(Tensor logits, Tensor targets) => Ops.BinaryCrossEntropyWithLogits(logits, targets, Weight, PosWeight, Reduction);
}
