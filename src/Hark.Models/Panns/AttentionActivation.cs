namespace Hark.Models;

/// <summary>What <see cref="AttentionPool"/> applies to its per-frame class scores before weighting them by attention.</summary>
public enum AttentionActivation
{
    /// <summary>Per-frame probabilities (PANNs' AttBlock with activation='sigmoid'): the pooled value is a clip probability.</summary>
    Sigmoid,

    /// <summary>Per-frame logits (activation='linear'): the pooled value is a clip logit.</summary>
    Linear,
}
