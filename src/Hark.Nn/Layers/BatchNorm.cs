using Hark.Tensors.Backends;
using Hark.Tensors;

namespace Hark.Nn;

/// <summary>
/// What torch's _BatchNorm holds: weight/bias (affine) and the buffers running_mean, running_var and
/// num_batches_tracked (when tracking running statistics). Training normalises with batch statistics and moves the
/// running ones by <see cref="Momentum"/> (unbiased variance, as torch); evaluation uses the running ones.
/// </summary>
public abstract class BatchNorm : Layer
{
    protected BatchNorm(int numFeatures, double eps, double momentum, bool affine, bool trackRunningStats)
    {
        if (numFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{GetType().Name}: num_features must be positive");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", new Tensor(new CpuStorage([0f])));
        }
    }

    public int NumFeatures { get; }
    public double Eps { get; }
    public double Momentum { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }
    public Tensor? RunningMean { get; }
    public Tensor? RunningVar { get; }

    /// <summary>How many training batches moved the running statistics (stored as float32, exact up to 2^24).</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>The input ranks this layer accepts, e.g. 4 for BatchNorm2d.</summary>
    protected abstract bool AcceptsRank(int rank);

    protected abstract string ExpectedInput { get; }

    public override Tensor Forward(Tensor input) => Forward(input, activationSlope: null);

    /// <summary>
    /// This layer followed by LeakyReLU(negativeSlope) (0: ReLU) as one fused op (Ops.BatchNormActivation): the same numbers
    /// as the two layers with less memory traffic. <see cref="Sequential"/> uses it for such pairs.
    /// </summary>
    public Tensor ForwardActivated(Tensor input, float negativeSlope) => Forward(input, (float?)negativeSlope);

    private Tensor Forward(Tensor input, float? activationSlope)
    {
        ShapeException.Check(AcceptsRank(input.Rank) && input.Shape[1] == NumFeatures, GetType().Name,
            $"{ExpectedInput} with C = num_features = {NumFeatures}", input);
        // without running statistics torch normalises with the batch's even in evaluation
        bool useBatchStatistics = Training || RunningMean is null;
        if (Training && NumBatchesTracked is not null)
            NumBatchesTracked.Backend.AddInPlace(NumBatchesTracked, Tensor.Full([], 1f, NumBatchesTracked.Device));
        return activationSlope is float negativeSlope
            ? Ops.BatchNormActivation(input, RunningMean, RunningVar, Weight, Bias, useBatchStatistics, (float)Momentum, (float)Eps, negativeSlope)
            : Ops.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStatistics, (float)Momentum, (float)Eps);
    }
}
