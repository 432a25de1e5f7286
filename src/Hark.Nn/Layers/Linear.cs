using Hark.Tensors;

namespace Hark.Nn;

/// <summary>torch.nn.Linear: y = x W^T + b with weight [out_features, in_features], torch's default initialisation.</summary>
public sealed class Linear : Layer
{
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentException($"Linear: in_features ({inFeatures}) and out_features ({outFeatures}) must be positive");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Tensor.Zeros(outFeatures)) : null;
        Initializers.DefaultLayerInit(Weight, Bias, generator);
    }

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Tensor Weight { get; }
    public Tensor? Bias { get; }

    // input [..., in_features] -> [..., out_features]
    public override Tensor Forward(Tensor input) => Ops.Linear(input, Weight, Bias);
}
