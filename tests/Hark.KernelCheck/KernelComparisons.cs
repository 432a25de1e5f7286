using Hark.Tensors;
using Hark.Tensors.Backends;
using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.KernelCheck;

/// <summary>
/// The conformance suite: every member of <see cref="IBackend"/>, one partial file per kernel family, run against its
/// plain reference (float64, or the float32 definition where the kernel must match it bit for bit) on odd shapes
/// (1x1, 3x5, 7x13, lengths 0..257, tiles plus tails); counts the elements that differ by more than atol + rtol * |reference|.
/// Inputs are made on the CPU and copied to the backend's device, and results are read back through the backend, so
/// any backend (a CUDA one included) runs the same suite by passing itself in.
/// </summary>
public sealed partial class KernelComparisons(IBackend backend, Action<string>? report = null)
{
    private const double Atol = 1e-4, Rtol = 1e-4;
    private readonly Generator random = new(1234);

    public int Mismatches { get; private set; }
    public int Checked { get; private set; }

    public int RunAll()
    {
        Storage();
        Gemm();
        GemmEpilogues();
        Conv2d();
        Pooling();
        BatchNorm();
        Elementwise();
        Reductions();
        Softmax();
        Layout();
        Losses();
        Optimizers();
        Conv2d(WinogradConvCases()); // last, so the cases above keep drawing the same random inputs
        return Mismatches;
    }

    public void Gemm()
    {
        int[][] sizes = [[1, 1, 1], [3, 5, 7], [7, 13, 5], [6, 16, 1], [17, 33, 65], [40, 48, 300], [33, 257, 34], [2, 3, 0]];
        foreach (var s in sizes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                    {
                        int m = s[0], n = s[1], k = s[2];
                        var a = Random(m * k);
                        var b = Random(k * n);
                        var c = Random(m * n);
                        var expected = ToDouble(c);
                        ReferenceGemm.Multiply<double>(ta, tb, m, n, k, ToDouble(a), ta ? m : k, ToDouble(b), tb ? k : n, expected, n, accumulate);
                        var actual = Upload((float[])c.Clone());
                        backend.Gemm(new GemmDescriptor(ta, tb, m, n, k, Accumulate: accumulate), Upload(a), Upload(b), actual);
                        Compare($"gemm m{m} n{n} k{k} ta{ta} tb{tb} acc{accumulate}", actual.ToArray(), expected);
                    }
        // strided batch with a broadcast (stride 0) B
        {
            int batch = 3, m = 5, n = 7, k = 9;
            var a = Random(batch * m * k);
            var b = Random(k * n);
            var expected = new double[batch * m * n];
            for (int i = 0; i < batch; i++)
                ReferenceGemm.Multiply<double>(false, false, m, n, k, ToDouble(a).AsSpan(i * m * k), k, ToDouble(b), n, expected.AsSpan(i * m * n), n, false);
            var actual = Empty([batch * m * n]);
            backend.Gemm(new GemmDescriptor(false, false, m, n, k, batch, m * k, 0, m * n), Upload(a), Upload(b), actual);
            Compare("gemm batched broadcast", actual.ToArray(), expected);
        }
    }

    public static IEnumerable<Conv2dGeometry> ConvCases()
    {
        yield return new(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        yield return new(2, 3, 5, 7, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        yield return new(2, 3, 7, 13, 5, 3, 2, 2, 1, 0, 1, 1, 1, 1);
        yield return new(1, 4, 9, 8, 6, 3, 3, 2, 3, 2, 1, 2, 1, 2);
        yield return new(2, 6, 7, 7, 6, 3, 3, 1, 1, 1, 1, 1, 1, 6);
        yield return new(2, 5, 9, 11, 5, 3, 3, 2, 2, 1, 1, 1, 1, 5);
        yield return new(3, 4, 6, 5, 8, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        yield return new(2, 16, 12, 12, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        yield return new(2, 40, 9, 9, 36, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        yield return new(3, 7, 13, 7, 7, 5, 3, 1, 2, 2, 0, 2, 1, 7);
        yield return new(2, 3, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1, 3);
        yield return new(2, 64, 17, 19, 64, 3, 3, 1, 1, 1, 1, 1, 1, 64);
        yield return new(1, 8, 4, 6, 8, 5, 5, 2, 2, 2, 2, 1, 1, 8);
    }

    /// <summary>3x3 stride-1 convolutions with channels in blocks of 16, which run on oneDNN's Winograd kernels where it has them.</summary>
    public static IEnumerable<Conv2dGeometry> WinogradConvCases()
    {
        yield return new(2, 16, 11, 13, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        yield return new(3, 48, 6, 6, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1);
    }

    public void Conv2d() => Conv2d(ConvCases());

    private void Conv2d(IEnumerable<Conv2dGeometry> cases)
    {
        foreach (var g in cases)
        {
            var input = Random(g.Batch * g.InChannels * g.InHeight * g.InWidth);
            var weight = Random(g.OutChannels * g.PatchSize);
            var bias = Random(g.OutChannels);
            var dOutput = Random(g.Batch * g.OutChannels * g.OutHeight * g.OutWidth);
            var expected = new double[dOutput.Length];
            ReferenceConv2d.Forward<double>(ToDouble(input), ToDouble(weight), ToDouble(bias), expected, g);
            int[] inShape = [g.Batch, g.InChannels, g.InHeight, g.InWidth], wShape = [g.OutChannels, g.InChannelsPerGroup, g.KernelHeight, g.KernelWidth];
            var output = Empty([g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
            var x = Upload(input, inShape);
            var w = Upload(weight, wShape);
            backend.Conv2dForward(x, w, Upload(bias), output, g);
            Compare($"conv2d forward {g}", output.ToArray(), expected);
            foreach (float negativeSlope in new[] { 0f, 0.1f, -0.5f })
            {
                var activated = Full(output.Shape.ToArray(), float.NaN);
                backend.Conv2dForward(x, w, Upload(bias), activated, g, negativeSlope);
                var expectedActivated = expected.Select(v => UnaryFunctions.Forward(UnaryOp.LeakyRelu, v, negativeSlope, 0)).ToArray();
                Compare($"conv2d forward + leaky_relu({negativeSlope}) {g}", activated.ToArray(), expectedActivated);
                if (g.OutHeight < 2 || g.OutWidth < 2) continue;
                var windows = PoolWindows.Fixed(g.OutHeight, g.OutWidth, (2, 2), (2, 2), (0, 0));
                var expectedPooled = new double[g.Batch * g.OutChannels * windows.OutHeight * windows.OutWidth];
                ReferencePool2d.MaxForward<double>(expectedActivated, expectedPooled, g.Batch * g.OutChannels, g.OutHeight, g.OutWidth, windows);
                var pooled = Full([g.Batch, g.OutChannels, windows.OutHeight, windows.OutWidth], float.NaN);
                backend.Conv2dActivationMaxPoolForward(x, w, Upload(bias), pooled, g, negativeSlope);
                Compare($"conv2d forward + leaky_relu({negativeSlope}) + max_pool2d(2) {g}", pooled.ToArray(), expectedPooled);
            }

            var dInputStart = Random(input.Length);
            var dWeightStart = Random(weight.Length);
            var dBiasStart = Random(bias.Length);
            double[] dInputRef = ToDouble(dInputStart), dWeightRef = ToDouble(dWeightStart), dBiasRef = ToDouble(dBiasStart);
            ReferenceConv2d.Backward<double>(ToDouble(input), ToDouble(weight), ToDouble(dOutput), dInputRef, dWeightRef, dBiasRef, g);
            var dInput = Upload((float[])dInputStart.Clone(), inShape);
            var dWeight = Upload((float[])dWeightStart.Clone(), wShape);
            var dBias = Upload((float[])dBiasStart.Clone());
            backend.Conv2dBackward(x, w, Upload(dOutput, output.Shape.ToArray()), dInput, accumulateInput: true, dWeight, dBias, g);
            Compare($"conv2d dInput {g}", dInput.ToArray(), dInputRef);
            Compare($"conv2d dWeight {g}", dWeight.ToArray(), dWeightRef);
            Compare($"conv2d dBias {g}", dBias.ToArray(), dBiasRef);

            // a first write overwrites dInput whatever it held
            var dInputOnlyRef = new double[input.Length];
            ReferenceConv2d.Backward<double>(ToDouble(input), ToDouble(weight), ToDouble(dOutput), dInputOnlyRef, new double[weight.Length], new double[bias.Length], g);
            var dInputOnly = Full(inShape, float.NaN);
            backend.Conv2dBackward(x, w, Upload(dOutput, output.Shape.ToArray()), dInputOnly, accumulateInput: false, null, null, g);
            Compare($"conv2d dInput first write {g}", dInputOnly.ToArray(), dInputOnlyRef);
        }
    }

    public void Pooling()
    {
        (int H, int W, PoolWindows Windows, string Name)[] cases =
        [
            (1, 1, PoolWindows.Fixed(1, 1, (1, 1), (1, 1), (0, 0)), "1x1"),
            (5, 7, PoolWindows.Fixed(5, 7, (2, 2), (2, 2), (0, 0)), "2x2 on 5x7"),
            (8, 8, PoolWindows.Fixed(8, 8, (2, 2), (2, 2), (0, 0)), "2x2 on 8x8"),
            (7, 13, PoolWindows.Fixed(7, 13, (2, 2), (2, 2), (0, 0)), "2x2 on 7x13"),
            (6, 37, PoolWindows.Fixed(6, 37, (2, 2), (2, 2), (0, 0)), "2x2 on 6x37"),
            (7, 13, PoolWindows.Fixed(7, 13, (3, 2), (2, 1), (1, 1)), "3x2 stride 2x1 pad 1 on 7x13"),
            (7, 13, PoolWindows.Adaptive(7, 13, (3, 5)), "adaptive 3x5 on 7x13"),
            (6, 5, PoolWindows.Adaptive(6, 5, (1, 1)), "global on 6x5"),
        ];
        foreach (var (h, w, windows, name) in cases)
        {
            int planes = 3;
            var input = Random(planes * h * w);
            var dOutput = Random(planes * windows.OutHeight * windows.OutWidth);
            var x = Upload(input, [planes, h, w]);
            var dy = Upload(dOutput, [planes, windows.OutHeight, windows.OutWidth]);
            foreach (bool max in new[] { true, false })
            {
                var expected = new double[dOutput.Length];
                var dInputRef = new double[input.Length];
                var output = Empty(dy.Shape);
                var dInput = Zeros(planes, h, w);
                if (max)
                {
                    ReferencePool2d.MaxForward<double>(ToDouble(input), expected, planes, h, w, windows);
                    ReferencePool2d.MaxBackward<double>(ToDouble(input), ToDouble(dOutput), dInputRef, planes, h, w, windows);
                    backend.MaxPool2dForward(x, output, windows);
                    backend.MaxPool2dBackward(x, dy, dInput, windows, accumulate: false);
                }
                else
                {
                    ReferencePool2d.AvgForward<double>(ToDouble(input), expected, planes, h, w, windows);
                    ReferencePool2d.AvgBackward<double>(ToDouble(dOutput), dInputRef, planes, h, w, windows);
                    backend.AvgPool2dForward(x, output, windows);
                    backend.AvgPool2dBackward(dy, dInput, windows);
                }
                Compare($"{(max ? "max" : "avg")} pool forward {name}", output.ToArray(), expected);
                Compare($"{(max ? "max" : "avg")} pool backward {name}", dInput.ToArray(), dInputRef);
            }
        }
    }

    public void BatchNorm()
    {
        int[][] shapes = [[4, 3], [3, 5, 7], [2, 3, 7, 13], [2, 16, 9, 9], [5, 1, 1, 1]];
        foreach (var shape in shapes)
            foreach (bool training in new[] { true, false })
                foreach (bool affine in new[] { true, false })
                    foreach (float? activation in new float?[] { null, 0f, 0.01f })
                {
                    int batch = shape[0], channels = shape[1], spatial = shape.Skip(2).Aggregate(1, (p, d) => p * d);
                    var input = Random(batch * channels * spatial, offset: 3f);
                    var gamma = affine ? Random(channels) : [];
                    var beta = affine ? Random(channels) : [];
                    var runningMean = Random(channels);
                    var runningVar = Random(channels).Select(v => 0.5f + Math.Abs(v)).ToArray();
                    var dOutput = Random(input.Length);
                    double[] mean = new double[channels], invStd = new double[channels], outRef = new double[input.Length];
                    double[] rmRef = ToDouble(runningMean), rvRef = ToDouble(runningVar);
                    if (training)
                        ReferenceBatchNorm.ForwardTraining<double>(ToDouble(input), ToDouble(gamma), ToDouble(beta), outRef, mean, invStd, rmRef, rvRef,
                            batch, channels, spatial, 0.1, 1e-5);
                    else
                        ReferenceBatchNorm.ForwardInference<double>(ToDouble(input), rmRef, rvRef, ToDouble(gamma), ToDouble(beta), outRef, mean, invStd,
                            batch, channels, spatial, 1e-5);
                    var dOutputRef = ToDouble(dOutput);
                    if (activation is float negativeSlope) // the fused activation: LeakyReLU of the output, its gate on dOutput
                        for (int i = 0; i < outRef.Length; i++)
                        {
                            if (outRef[i] <= 0)
                            {
                                outRef[i] *= negativeSlope;
                                dOutputRef[i] *= negativeSlope;
                            }
                        }
                    double[] dInputRef = new double[input.Length], dGammaRef = new double[channels], dBetaRef = new double[channels];
                    ReferenceBatchNorm.Backward<double>(ToDouble(input), ToDouble(gamma), mean, invStd, dOutputRef, dInputRef,
                        affine ? dGammaRef : [], affine ? dBetaRef : [], batch, channels, spatial, training);

                    var x = Upload(input, shape);
                    Tensor? w = affine ? Upload(gamma) : null, b = affine ? Upload(beta) : null;
                    var rm = Upload((float[])runningMean.Clone());
                    var rv = Upload((float[])runningVar.Clone());
                    var output = Empty(shape);
                    var savedMean = Empty([channels]);
                    var savedInvStd = Empty([channels]);
                    if (training) backend.BatchNormForwardTraining(x, w, b, output, savedMean, savedInvStd, rm, rv, 0.1f, 1e-5f, activation);
                    else backend.BatchNormForwardInference(x, rm, rv, w, b, output, savedMean, savedInvStd, 1e-5f, activation);
                    string name = $"batchnorm {string.Join('x', shape)} training {training} affine {affine} activation {activation?.ToString() ?? "none"}";
                    Compare(name + " forward", output.ToArray(), outRef);
                    Compare(name + " running mean", rm.ToArray(), rmRef);
                    Compare(name + " running var", rv.ToArray(), rvRef);
                    // overwriting (a first gradient) must not read what the buffer held; accumulating adds to zeros
                    bool accumulateInput = activation != 0f;
                    var dInput = accumulateInput ? Zeros(shape) : Full(shape, float.NaN);
                    Tensor? dGamma = affine ? Zeros(channels) : null, dBeta = affine ? Zeros(channels) : null;
                    backend.BatchNormBackward(x, w, b, savedMean, savedInvStd, Upload(dOutput, shape), dInput, accumulateInput, dGamma, dBeta, training, activation);
                    Compare(name + " dInput", dInput.ToArray(), dInputRef);
                    if (affine)
                    {
                        Compare(name + " dWeight", dGamma!.ToArray(), dGammaRef);
                        Compare(name + " dBias", dBeta!.ToArray(), dBetaRef);
                    }
                }
    }

    private float[] Random(int length, float offset = 0f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = offset + (float)random.NextGaussian();
        return values;
    }

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>A copy of <paramref name="values"/> on the backend's device, one-dimensional unless a shape is given ([] is a scalar).</summary>
    private Tensor Upload(float[] values, int[]? shape = null)
    {
        shape ??= [values.Length];
        var storage = backend.Allocate(values.Length, zeroed: false);
        storage.CopyFromHost(values);
        return new Tensor(storage, shape);
    }

    private Tensor Empty(ReadOnlySpan<int> shape) => Tensor.Empty(shape, backend.Device);

    private Tensor Zeros(params int[] shape) => Tensor.Zeros(shape, backend.Device);

    private Tensor Full(int[] shape, float value) => Tensor.Full(shape, value, backend.Device);

    private void Compare(string name, float[] actual, double[] expected) => Compare(name, actual, expected, Atol, Rtol);

    private void Compare(string name, float[] actual, double[] expected, double atol, double rtol)
    {
        int bad = 0;
        double worst = 0;
        if (actual.Length != expected.Length) bad = Math.Max(actual.Length, expected.Length);
        else
            for (int i = 0; i < actual.Length; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]);
                if (!(error <= atol + rtol * Math.Abs(expected[i])))
                {
                    bad++;
                    worst = Math.Max(worst, error);
                }
            }
        Checked += expected.Length;
        if (bad == 0) return;
        Mismatches += bad;
        report?.Invoke($"MISMATCH {name}: {bad} of {expected.Length} elements, worst error {worst:g4}");
    }
}
