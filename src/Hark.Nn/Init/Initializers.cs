using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// torch.nn.init with an explicit generator: the same formulas and defaults, so a layer built here has the
/// distribution PyTorch would give it (the numbers differ because the random streams differ).
/// </summary>
public static class Initializers
{
    /// <summary>calculate_gain: the recommended scale for <paramref name="nonlinearity"/> (negative slope <paramref name="param"/> for LeakyRelu, default 0.01).</summary>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv or Nonlinearity.Sigmoid => 1.0,
        Nonlinearity.Tanh => 5.0 / 3,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, null),
    };

    /// <summary>(fan_in, fan_out) of a weight: dimension 1 and 0 times the receptive field (the product of dimensions 2..).</summary>
    public static (int FanIn, int FanOut) CalculateFans(Tensor weight)
    {
        if (weight.Rank < 2)
            throw new ShapeException($"Initializers.CalculateFans: fan in and fan out need at least 2 dimensions; got shape {ShapeException.Format(weight.Shape)}");
        int receptiveField = 1;
        for (int i = 2; i < weight.Rank; i++) receptiveField *= weight.Shape[i];
        return (weight.Shape[1] * receptiveField, weight.Shape[0] * receptiveField);
    }

    public static Tensor Uniform(Tensor tensor, double low, double high, Generator generator) =>
        Fill(tensor, () => (float)(low + (high - low) * generator.NextDouble()));

    public static Tensor Normal(Tensor tensor, double mean, double std, Generator generator) =>
        Fill(tensor, () => (float)(mean + std * generator.NextGaussian()));

    public static Tensor Constant(Tensor tensor, float value)
    {
        tensor.Backend.Fill(tensor, value);
        return tensor;
    }

    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    /// <summary>kaiming_uniform_: U(-b, b) with b = gain * sqrt(3 / fan); torch's defaults a=0, fan_in, leaky_relu.</summary>
    public static Tensor KaimingUniform(Tensor tensor, Generator generator, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        double bound = Math.Sqrt(3.0) * KaimingStd(tensor, a, mode, nonlinearity);
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>kaiming_normal_: N(0, std²) with std = gain / sqrt(fan).</summary>
    public static Tensor KaimingNormal(Tensor tensor, Generator generator, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu) =>
        Normal(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity), generator);

    /// <summary>xavier_uniform_: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>xavier_normal_: N(0, std²) with std = gain * sqrt(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// What torch's Conv/Linear reset_parameters do: kaiming_uniform_(weight, a=sqrt(5)), i.e. U(±1/sqrt(fan_in)),
    /// and the bias from U(±1/sqrt(fan_in)).
    /// </summary>
    public static void DefaultLayerInit(Tensor weight, Tensor? bias, Generator generator)
    {
        KaimingUniform(weight, generator, a: Math.Sqrt(5));
        if (bias is null) return;
        int fanIn = CalculateFans(weight).FanIn;
        double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        Uniform(bias, -bound, bound, generator);
    }

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFans(tensor);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ShapeException($"Initializers: cannot initialise a tensor with zero fan, shape {ShapeException.Format(tensor.Shape)}");
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }

    private static Tensor Fill(Tensor tensor, Func<float> sample)
    {
        var values = new float[tensor.Numel];
        for (int i = 0; i < values.Length; i++) values[i] = sample();
        tensor.Storage.CopyFromHost(values);
        return tensor;
    }
}
