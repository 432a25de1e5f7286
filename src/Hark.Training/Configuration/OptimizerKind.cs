namespace Hark.Training.Configuration;

/// <summary><c>recipe.optimizer</c>, as PyTorch names them (YAML: adamw, adam, sgd).</summary>
public enum OptimizerKind
{
    Adamw,
    Adam,
    Sgd,
}
