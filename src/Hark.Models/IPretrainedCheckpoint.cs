using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>A pretrained checkpoint a new run starts from (<see cref="PannsCheckpoint"/>, <see cref="BackboneCheckpoint"/>): its tensors, and loading its body into a model built for new classes.</summary>
public interface IPretrainedCheckpoint
{
    string Path { get; }
    IReadOnlyList<KeyValuePair<string, Tensor>> Tensors { get; }

    /// <summary>Loads everything but the head; throws <see cref="ArgumentException"/> for a model of another family and <see cref="StateDictException"/> naming keys and shapes when the body does not fit.</summary>
    StateDictLoadResult LoadBody(AudioClassifier model);
}
