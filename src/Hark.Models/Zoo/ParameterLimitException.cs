namespace Hark.Models;

/// <summary>Thrown when a model built by <see cref="ModelZoo"/> has more parameters than <see cref="ModelConfig.MaxParameters"/> allows.</summary>
public sealed class ParameterLimitException(string model, long parameterCount, long limit)
    : InvalidOperationException($"model '{model}' has {parameterCount:N0} parameters, over the limit of {limit:N0} (model.max_parameters)")
{
    public string Model { get; } = model;
    public long ParameterCount { get; } = parameterCount;
    public long Limit { get; } = limit;
}
