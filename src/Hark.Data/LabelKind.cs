namespace Hark.Data;

/// <summary>Whether each sample has exactly one class (softmax + cross-entropy) or a set of classes (sigmoid + BCE).</summary>
public enum LabelKind
{
    SingleLabel,
    MultiLabel,
}
