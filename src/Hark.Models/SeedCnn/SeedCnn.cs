using Hark.Nn;
using Hark.Tensors;

namespace Hark.Models;

/// <summary>
/// The seed pipeline's network (pipeline A): one CNN branch per input image, late fusion by concatenating the
/// branches' pooled features, then Linear -> LeakyReLU -> Dropout -> Linear. Its state-dict keys equal those of
/// the PyTorch peer's <c>Triple</c> (<c>b.0.f.0.0.weight</c> ... <c>fc1.weight</c>, <c>fc2.bias</c>), so the
/// peer's weights load unchanged.
/// </summary>
public sealed class SeedCnn : Module, IStochastic
{
    /// <summary>The parameter count of the default (16-class, three-branch) network.</summary>
    public const long SeedParameterCount = 278_912;

    private readonly Generator headDropout;

    /// <summary>The head's dropout generator (the branches' dropouts are <see cref="Dropout"/> modules).</summary>
    public IEnumerable<Generator> Generators => [headDropout];

    public SeedCnn(Generator generator, SeedCnnOptions? options = null)
    {
        Options = options ?? new SeedCnnOptions();
        if (Options.Branches <= 0 || Options.Classes <= 0)
            throw new ArgumentException($"SeedCnn: branches ({Options.Branches}) and classes ({Options.Classes}) must be positive");
        Branches = RegisterModule("b", new ModuleList<SeedCnnBranch>(
            Enumerable.Range(0, Options.Branches).Select(_ => new SeedCnnBranch(Options, generator))));
        int fused = Branches.Sum(b => b.OutputFeatures);
        Fc1 = RegisterModule("fc1", new Linear(fused, Options.Hidden, generator));
        Fc2 = RegisterModule("fc2", new Linear(Options.Hidden, Options.Classes, generator));
        headDropout = generator.Fork();
    }

    public SeedCnnOptions Options { get; }
    public ModuleList<SeedCnnBranch> Branches { get; }
    public Linear Fc1 { get; }
    public Linear Fc2 { get; }

    /// <summary>The fused features before the head: one [N, C, H, W] input per branch -> [N, sum of branch widths].</summary>
    public Tensor Embed(params Tensor[] inputs)
    {
        if (inputs.Length != Branches.Count)
            throw new ArgumentException($"SeedCnn: expected {Branches.Count} inputs (one per branch), got {inputs.Length}");
        return Ops.Cat(Branches.Select((branch, i) => branch.Forward(inputs[i])).ToArray(), 1);
    }

    /// <summary>Logits [N, classes] from one [N, C, H, W] input per branch.</summary>
    public Tensor Forward(params Tensor[] inputs)
    {
        var hidden = Ops.LeakyRelu(Fc1.Forward(Embed(inputs)), (float)Options.NegativeSlope);
        return Fc2.Forward(Ops.Dropout(hidden, (float)Options.HeadDropout, Training, headDropout));
    }
}
