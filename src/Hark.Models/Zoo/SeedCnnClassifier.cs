using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// <c>seed-cnn</c> in the zoo: <see cref="SeedCnn"/> (pipeline A's one-branch-per-input network with late fusion)
/// behind the <see cref="AudioClassifier"/> contract. SeedCnn's parts are registered here under its own names
/// (<c>b</c>, <c>fc1</c>, <c>fc2</c>), so the state-dict keys stay the PyTorch peer's; SeedCnn reads its own
/// training flag for the head dropout, so each call hands it this classifier's mode first.
/// </summary>
public sealed class SeedCnnClassifier : AudioClassifier, IStochastic
{
    public SeedCnnClassifier(SeedCnnOptions options, Generator generator)
    {
        Network = new SeedCnn(generator, options);
        foreach (var (name, child) in Network.NamedChildren()) RegisterModule(name, child);
    }

    public SeedCnn Network { get; }

    /// <summary>The head dropout's generator, which lives on <see cref="Network"/> rather than in a registered child.</summary>
    public IEnumerable<Generator> Generators => Network.Generators;

    public override int ClassCount => Network.Options.Classes;
    public override int EmbeddingSize => Network.Branches.Sum(branch => branch.OutputFeatures);
    public override int InputCount => Network.Options.Branches;
    public override bool IsHeadParameter(string name) => name.StartsWith("fc2.", StringComparison.Ordinal);

    // one input [batch, channels, height, width] per branch -> fused branch features [batch, branches x last width]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        Network.Train(Training);
        return Network.Embed([.. inputs]);
    }

    // one input [batch, channels, height, width] per branch -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        CheckInputs(inputs);
        Network.Train(Training);
        return Network.Forward([.. inputs]);
    }
}
