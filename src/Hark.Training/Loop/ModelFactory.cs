using Hark.Data;
using Hark.Models;
using Hark.Tensors;

namespace Hark.Training.Loop;

/// <summary>Builds a run's model for the shape of its inputs, initialised from the run's seed; a setting the model refuses is a <see cref="ConfigException"/>.</summary>
public static class ModelFactory
{
    public static AudioClassifier Create(ModelConfig config, IReadOnlyList<int[]> inputShapes, int classes, ulong seed)
    {
        try
        {
            return ModelZoo.Create(config, ModelInputs.FromShapes(inputShapes, classes), new Generator(seed ^ 0x1417UL));
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"model: {e.Message}");
        }
    }
}
