namespace Hark.Models;

/// <summary>What the data decides about a model: its classes and the inputs of one sample.</summary>
/// <param name="Classes">Output classes.</param>
/// <param name="InputCount">Inputs per sample (three for the seed-000 triple-image data).</param>
/// <param name="InputChannels">Channels of each input (1 for a log-mel, 3 for an RGB image).</param>
/// <param name="MelBins">Mel bins of the input (the PANNs models' bn0 has one pair of statistics per bin).</param>
public sealed record ModelInputs(int Classes, int InputCount = 1, int InputChannels = 1, int MelBins = 64)
{
    /// <summary>The inputs of samples shaped <paramref name="inputShapes"/> ([channels, mel bins, frames] each).</summary>
    public static ModelInputs FromShapes(IReadOnlyList<int[]> inputShapes, int classes) =>
        new(classes, inputShapes.Count, inputShapes[0][0], inputShapes[0][1]);
}
