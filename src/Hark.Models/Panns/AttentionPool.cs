using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// PANNs' AttBlock: per-class attention over time. Two pointwise Conv1d layers score every frame for every class:
/// <c>att</c> gives attention logits, clamped to [-10, 10] and softmaxed over frames; <c>cla</c> gives class scores,
/// passed through <see cref="Activation"/>. The clip's score for a class is the attention-weighted sum of its frame
/// scores. PANNs' AttBlock also holds a BatchNorm1d <c>bn_att</c> that its forward never uses; it is left out, so a
/// PANNs attention checkpoint loads with that key ignored. Weights keep Conv1d's [classes, features, 1] shape.
/// </summary>
public sealed class AttentionPool : Module
{
    public AttentionPool(int features, int classes, AttentionActivation activation, Generator generator)
    {
        Activation = activation;
        Att = RegisterModule("att", new PointwiseConv1d(features, classes, generator));
        Cla = RegisterModule("cla", new PointwiseConv1d(features, classes, generator));
    }

    public AttentionActivation Activation { get; }
    public PointwiseConv1d Att { get; }
    public PointwiseConv1d Cla { get; }

    /// <summary>input [batch, frames, features] (PANNs' [batch, features, frames] transposed) -> clip scores [batch, classes].</summary>
    public Tensor Forward(Tensor input)
    {
        var attention = Ops.Softmax(Ops.Clamp(Att.Forward(CheckInput(input)), -10f, 10f), 1);
        return Ops.Sum(Ops.Mul(attention, FrameScores(input)), [1]);
    }

    /// <summary>input [batch, frames, features] -> every frame's class scores after <see cref="Activation"/> [batch, frames, classes] (PANNs' cla).</summary>
    public Tensor FrameScores(Tensor input)
    {
        var scores = Cla.Forward(CheckInput(input));
        return Activation == AttentionActivation.Sigmoid ? Ops.Sigmoid(scores) : scores;
    }

    private Tensor CheckInput(Tensor input)
    {
        ShapeException.Check(input.Rank == 3 && input.Shape[2] == Att.InChannels, "AttentionPool",
            $"input [batch, frames, features = {Att.InChannels}]", input);
        return input;
    }
}
