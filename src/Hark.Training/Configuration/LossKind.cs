namespace Hark.Training.Configuration;

/// <summary><c>recipe.loss</c>: which loss trains the model (YAML spells each in lower case: ce, bce, focal, gce, sce).</summary>
public enum LossKind
{
    /// <summary>Cross-entropy (label smoothing, class weights); on multi-label data it means <see cref="Bce"/>.</summary>
    Ce,

    /// <summary>Binary cross-entropy with logits (pos_weight), multi-label data only.</summary>
    Bce,

    /// <summary>Sigmoid focal loss (alpha, gamma), multi-label data only.</summary>
    Focal,

    /// <summary>Generalised cross-entropy (q), for noisy labels.</summary>
    Gce,

    /// <summary>Symmetric cross-entropy (alpha, beta), for noisy labels.</summary>
    Sce,
}
