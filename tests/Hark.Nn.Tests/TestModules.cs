using Hark.Tensors.Backends;
using Hark.Tensors;

namespace Hark.Nn.Tests;

/// <summary>Small modules built only from registration, so these tests need no ops.</summary>
internal sealed class ToyLinear : Layer
{
    public ToyLinear(int inFeatures, int outFeatures, Generator generator)
    {
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
        Initializers.DefaultLayerInit(Weight, Bias, generator);
    }

    public Tensor Weight { get; }
    public Tensor Bias { get; }
    public override Tensor Forward(Tensor input) => input;
}

internal sealed class ToyNorm : Layer
{
    public ToyNorm(int features)
    {
        RegisterParameter("weight", Tensor.Ones(features));
        RegisterParameter("bias", Tensor.Zeros(features));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RegisterBuffer("running_var", Tensor.Ones(features));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", new Tensor(new CpuStorage([0f])));
        RegisterBuffer("scratch", Tensor.Zeros(features), persistent: false);
    }

    public Tensor RunningMean { get; }
    public Tensor NumBatchesTracked { get; }
    public override Tensor Forward(Tensor input) => input;
}

internal sealed class ToyNet : Module
{
    public ToyNet(Generator generator)
    {
        Features = RegisterModule("features", new Sequential(new ToyLinear(3, 4, generator), new ToyNorm(4)));
        Heads = RegisterModule("heads", new ModuleList<ToyLinear>(new ToyLinear(4, 2, generator), new ToyLinear(4, 1, generator)));
    }

    public Sequential Features { get; }
    public ModuleList<ToyLinear> Heads { get; }
}
