using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Hark.Tensors.Backends.Cpu.Operators;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// Convolution through oneDNN where the library is installed and accepts the geometry (<see cref="OneDnnConvolution"/>),
/// depthwise ones included (oneDNN's depthwise kernels took 0.3-0.7x the time of <see cref="DepthwiseConv2d"/>, forward
/// + backward, on every efficientnet-v2-s geometry at batch 16, AMD EPYC, 2026-12-07), otherwise depthwise ones with
/// <see cref="DepthwiseConv2d"/> and the rest as im2col + GEMM per sample and group, samples split over the cores; each worker's scratch comes from the
/// <see cref="CpuStoragePool"/>, which is shared by all threads: ArrayPool's per-thread caches would keep a set of
/// multi-MB column buffers for every thread-pool thread that ever ran a convolution (a server's threads come and go).
/// A fused activation (and 2x2 max-pool) is applied where the output is read anyway or still in cache: on oneDNN, in the
/// pass that lays its channel-blocked output out plain (<see cref="ChannelBlockedLayout"/>); on im2col + GEMM, per sample
/// after its GEMM; elsewhere in passes of their own.
/// </summary>
internal sealed partial class CpuBackend
{
    /// <summary>A model has a handful of geometries; beyond this many (a stream of odd batch sizes) new ones run on im2col + GEMM.</summary>
    private const int MaxCompiledConvolutions = 256;

    private readonly ConcurrentDictionary<(Conv2dGeometry, bool), OneDnnConvolution?> compiledConvolutions = new();

    /// <summary>Set to 0 to keep oneDNN's convolutions on its direct algorithm where Winograd would be chosen (to compare the two).</summary>
    public const string WinogradVariable = "HARK_CONV_WINOGRAD";

    /// <summary>Whether convolutions run on oneDNN: never when native code is forced off or the library is missing.</summary>
    public bool UsesOneDnn => !ForceManaged && OneDnn.IsAvailable;

    private static bool UsesWinograd { get; } = Environment.GetEnvironmentVariable(WinogradVariable) != "0";

    private string ConvolutionDescription => UsesOneDnn ? $"{OneDnn.Version}{(UsesWinograd ? " with Winograd 3x3" : "")}"
        : ForceManaged ? "im2col + GEMM" : "im2col + GEMM (no libdnnl.so.2)";

    /// <summary>The compiled convolution for a geometry, or null where oneDNN is off or refused it.</summary>
    private OneDnnConvolution? Compiled(in Conv2dGeometry g, bool hasBias)
    {
        if (!UsesOneDnn) return null;
        var key = (g, hasBias);
        if (compiledConvolutions.TryGetValue(key, out var compiled)) return compiled;
        if (compiledConvolutions.Count >= MaxCompiledConvolutions) return null;
        OneDnnThread.Run(() =>
        {
            if (compiledConvolutions.ContainsKey(key)) return;
            bool winograd = UsesWinograd && OneDnnConvolution.SuitsWinograd(key.g);
            compiledConvolutions[key] = Compile(key.g, key.hasBias, winograd) ?? (winograd ? Compile(key.g, key.hasBias, winograd: false) : null);
        });
        return compiledConvolutions[key];
    }

    private static OneDnnConvolution? Compile(in Conv2dGeometry g, bool hasBias, bool winograd)
    {
        try
        {
            return new OneDnnConvolution(g, hasBias, winograd);
        }
        catch (OneDnnException)
        {
            return null;
        }
    }

    public void Conv2dForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float? activationSlope)
    {
        var g = geometry;
        float[] x = input.CpuData, w = weight.CpuData, y = output.CpuData;
        float[]? b = bias?.CpuData;
        if (Compiled(g, b is not null) is { } compiled)
        {
            bool activated = false;
            OneDnnThread.Run(() => activated = compiled.Forward(x, w, b, y, activationSlope));
            if (activationSlope is float slope && !activated) Unary(UnaryOp.LeakyRelu, output, output, slope);
            return;
        }
        if (g.IsDepthwise)
        {
            DepthwiseConv2d.Forward(x, w, b, y, g);
            if (activationSlope is float slope) Unary(UnaryOp.LeakyRelu, output, output, slope);
            return;
        }
        int spatial = g.OutHeight * g.OutWidth, patch = g.PatchSize, coutG = g.OutChannelsPerGroup;
        int inPlane = g.InHeight * g.InWidth, inSample = g.InChannels * inPlane, outSample = g.OutChannels * spatial;
        Parallelism.For(g.Batch, (long)g.OutChannels * patch * spatial, (start, end) =>
        {
            float[]? columns = g.IsPointwise ? null : CpuStoragePool.Rent(patch * spatial, zeroed: false);
            for (int n = start; n < end; n++)
            {
                for (int group = 0; group < g.Groups; group++)
                {
                    var image = x.AsSpan(n * inSample + group * g.InChannelsPerGroup * inPlane, g.InChannelsPerGroup * inPlane);
                    ReadOnlySpan<float> unfolded = image;
                    if (columns is not null)
                    {
                        Im2Col.Unfold(image, columns, g.InChannelsPerGroup, g);
                        unfolded = columns.AsSpan(0, patch * spatial);
                    }
                    var product = y.AsSpan(n * outSample + group * coutG * spatial, coutG * spatial);
                    if (b is not null) // start from the bias and accumulate: no zeroing pass and no separate bias pass
                        for (int co = 0; co < coutG; co++)
                            product.Slice(co * spatial, spatial).Fill(b[group * coutG + co]);
                    Matrix.Multiply(false, false, coutG, spatial, patch, w.AsSpan(group * coutG * patch), patch,
                        unfolded, spatial, product, spatial, accumulate: b is not null);
                }
                if (activationSlope is float negativeSlope) // while the sample's output is still in cache
                {
                    var sample = y.AsSpan(n * outSample, outSample);
                    ElementwiseLoop.Apply(new LeakyReluOperator(negativeSlope), sample, sample);
                }
            }
            if (columns is not null) CpuStoragePool.Return(columns);
        });
    }

    public void Conv2dActivationMaxPoolForward(Tensor input, Tensor weight, Tensor? bias, Tensor output, in Conv2dGeometry geometry, float activationSlope)
    {
        var g = geometry;
        float[] x = input.CpuData, w = weight.CpuData, y = output.CpuData;
        float[]? b = bias?.CpuData;
        // pooling in the layout pass takes the max before the activation: the same where the slope keeps the order of values
        if (activationSlope >= 0f && Compiled(g, b is not null) is { WritesChannelBlocked: true } compiled)
        {
            OneDnnThread.Run(() => compiled.ForwardMaxPooled(x, w, b, y, activationSlope));
            return;
        }
        ComposedKernels.Conv2dActivationMaxPoolForward(this, input, weight, bias, output, g, activationSlope);
    }

    public void Conv2dBackward(Tensor input, Tensor weight, Tensor dOutput, Tensor? dInput, bool accumulateInput, Tensor? dWeight, Tensor? dBias,
        in Conv2dGeometry geometry)
    {
        var g = geometry;
        float[] x = input.CpuData, w = weight.CpuData, dy = dOutput.CpuData;
        float[]? dx = dInput?.CpuData, dw = dWeight?.CpuData, db = dBias?.CpuData;
        if (Compiled(g, db is not null) is { } compiled)
        {
            try
            {
                bool accumulate = accumulateInput;
                OneDnnThread.Run(() => compiled.Backward(x, w, dy, dx, accumulate, dw, db));
                return;
            }
            catch (OneDnnException)
            {
                // a refused backward primitive leaves the gradients untouched: fall through to the managed kernels
            }
        }
        if (g.IsDepthwise)
        {
            DepthwiseConv2d.Backward(x, w, dy, dx, accumulateInput, dw, db, g);
            return;
        }
        int spatial = g.OutHeight * g.OutWidth, patch = g.PatchSize, coutG = g.OutChannelsPerGroup, cinG = g.InChannelsPerGroup;
        int inPlane = g.InHeight * g.InWidth, inSample = g.InChannels * inPlane, outSample = g.OutChannels * spatial;
        // each worker sums its samples' weight and bias gradients apart; they are added in worker order afterwards, so the
        // result repeats bit for bit whichever worker finishes first
        var partialDw = new float[]?[Parallelism.Cores];
        var partialDb = new float[]?[Parallelism.Cores];
        int workers = Parallelism.ForWorkers(g.Batch, 2L * g.OutChannels * patch * spatial, (worker, start, end) =>
        {
            float[]? columns = g.IsPointwise || dw is null ? null : CpuStoragePool.Rent(patch * spatial, zeroed: false);
            float[]? dColumns = g.IsPointwise || dx is null ? null : CpuStoragePool.Rent(patch * spatial, zeroed: false);
            float[]? localDw = dw is null ? null : CpuStoragePool.Rent(w.Length, zeroed: false);
            float[]? localDb = db is null ? null : ArrayPool<float>.Shared.Rent(g.OutChannels);
            localDw?.AsSpan(0, w.Length).Clear();
            localDb?.AsSpan(0, g.OutChannels).Clear();
            for (int n = start; n < end; n++)
            {
                if (dx is not null && !accumulateInput) dx.AsSpan(n * inSample, inSample).Clear(); // this sample's slice, just before it is folded into
                for (int group = 0; group < g.Groups; group++)
                {
                    int imageOffset = n * inSample + group * cinG * inPlane;
                    var dyGroup = dy.AsSpan(n * outSample + group * coutG * spatial, coutG * spatial);
                    var wGroup = w.AsSpan(group * coutG * patch, coutG * patch);
                    if (localDw is not null)
                    {
                        ReadOnlySpan<float> unfolded = x.AsSpan(imageOffset, cinG * inPlane);
                        if (columns is not null)
                        {
                            Im2Col.Unfold(unfolded, columns, cinG, g);
                            unfolded = columns.AsSpan(0, patch * spatial);
                        }
                        // dW[coutG, patch] += dY[coutG, spatial] * columns[patch, spatial]^T
                        Matrix.Multiply(false, true, coutG, patch, spatial, dyGroup, spatial, unfolded, spatial,
                            localDw.AsSpan(group * coutG * patch), patch, accumulate: true);
                    }
                    if (dx is not null)
                    {
                        // dColumns[patch, spatial] = W[coutG, patch]^T * dY[coutG, spatial], folded back onto the image
                        if (dColumns is null)
                        {
                            Matrix.Multiply(true, false, patch, spatial, coutG, wGroup, patch, dyGroup, spatial,
                                dx.AsSpan(imageOffset, cinG * inPlane), spatial, accumulate: true);
                        }
                        else
                        {
                            Matrix.Multiply(true, false, patch, spatial, coutG, wGroup, patch, dyGroup, spatial,
                                dColumns, spatial, accumulate: false);
                            Im2Col.FoldAdd(dColumns.AsSpan(0, patch * spatial), dx.AsSpan(imageOffset, cinG * inPlane), cinG, g);
                        }
                    }
                }
                if (localDb is not null)
                    for (int co = 0; co < g.OutChannels; co++)
                        localDb[co] += TensorPrimitives.Sum<float>(dy.AsSpan(n * outSample + co * spatial, spatial));
            }
            partialDw[worker] = localDw;
            partialDb[worker] = localDb;
            if (columns is not null) CpuStoragePool.Return(columns);
            if (dColumns is not null) CpuStoragePool.Return(dColumns);
        });
        for (int worker = 0; worker < workers; worker++)
        {
            if (partialDw[worker] is { } localDw)
            {
                TensorPrimitives.Add(dw, localDw.AsSpan(0, dw!.Length), dw);
                CpuStoragePool.Return(localDw);
            }
            if (partialDb[worker] is { } localDb)
            {
                TensorPrimitives.Add(db, localDb.AsSpan(0, db!.Length), db);
                ArrayPool<float>.Shared.Return(localDb);
            }
        }
    }
}
