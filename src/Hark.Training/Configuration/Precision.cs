namespace Hark.Training.Configuration;

/// <summary><c>recipe.precision</c>: the float format training computes in (YAML: fp32, bf16, fp16).</summary>
public enum Precision
{
    /// <summary>float32 throughout, on every device.</summary>
    Fp32,

    /// <summary>bfloat16 mixed precision (not implemented yet: refused by <see cref="RunConfigChecks"/>).</summary>
    Bf16,

    /// <summary>float16 mixed precision with loss scaling (not implemented yet: refused by <see cref="RunConfigChecks"/>).</summary>
    Fp16,
}
