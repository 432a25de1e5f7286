using Hark.Data;
using Hark.Models;
using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Training.Loop;

/// <summary>Builds the configured zoo model for the shape of a run's inputs, initialised from the run's seed.</summary>
public static class ModelFactory
{
    public static AudioClassifier Create(ModelConfig config, IReadOnlyList<int[]> inputShapes, int classes, ulong seed)
    {
        var options = new ModelOptions
        {
            Classes = classes,
            InputCount = inputShapes.Count,
            InputChannels = inputShapes[0][0],
            MelBins = inputShapes[0][1],
            Width = config.Width,
            Depth = config.Depth,
            EmbeddingSize = config.EmbeddingSize,
            Dropout = config.Dropout,
            BlockDropout = config.BlockDropout,
            Init = config.Init switch
            {
                null => null,
                "keras" => KerasCnnInit.Keras,
                "torch" => KerasCnnInit.Torch,
                _ => throw new ConfigException($"model.init={config.Init}: expected keras or torch"),
            },
            Pooling = config.Pooling is null ? null : ModelOptions.ParsePooling(config.Pooling),
            MaxParameters = config.MaxParameters,
            BatchNormMomentum = config.BatchNormMomentum,
            BatchNormEps = config.BatchNormEps,
        };
        try
        {
            return ModelZoo.Create(config.Name, options, new Generator(seed ^ 0x1417UL));
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"model: {e.Message}");
        }
    }
}
