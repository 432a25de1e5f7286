namespace Hark.Models;

/// <summary>How a <see cref="PannsClassifier"/> turns its per-frame features into one prediction per clip.</summary>
public enum ClipPooling
{
    /// <summary>PANNs' Cnn14 head: mean plus max of the features over time, fc1, then the linear classifier fc_audioset.</summary>
    MeanMax,

    /// <summary>PANNs' decision-level attention (Cnn14_DecisionLevelAtt): fc1 per frame, then <see cref="AttentionPool"/> over frames.</summary>
    Attention,
}
