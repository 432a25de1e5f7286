using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// One convolution geometry compiled by oneDNN: forward, backward-data and backward-weights primitives working on the
/// blocked layouts oneDNN picks for this CPU, with reorders from and to Hark's plain NCHW tensors around each call
/// (PyTorch's CPU path does the same). oneDNN threads the whole batch itself. A geometry oneDNN refuses throws
/// <see cref="OneDnnException"/> from the constructor and runs on im2col + GEMM instead.
/// The algorithm is oneDNN's direct convolution, or Winograd F(4x4, 3x3) where <see cref="SuitsWinograd"/> says so.
/// Construct and call it only on <see cref="OneDnnThread"/>; each convolution already spreads over every core through OpenMP.
/// </summary>
internal sealed unsafe class OneDnnConvolution
{
    private readonly Conv2dGeometry g;
    private readonly int algorithm;
    private readonly long[] inShape, outShape, weightShape;
    private readonly void* plainInput, plainWeight, plainBias, plainOutput;
    private readonly long[] strides, dilates, paddingLeft, paddingRight;
    private readonly nint forwardPd, forward;
    private readonly Operand input, weight, output;
    private readonly Operand? bias;

    // 16 or 8 where the forward writes its output channel-blocked (nChw16c, nChw8c) before the reorder to NCHW, else 0
    private readonly int outputChannelBlock;
    private BackwardData? backwardData;
    private BackwardWeights? backwardWeights;

    // the input the last forward reordered into the input operand's blocked copy: the backward of that same call finds it
    // there (its input is still alive and unchanged, as an op's saved input is) unless another forward of this geometry came between
    private float[]? lastForwardInput;

    /// <summary>
    /// Compiles the forward primitive of <paramref name="geometry"/>; with <paramref name="winograd"/> the backward ones too,
    /// so that a Winograd primitive oneDNN refuses (it has them only for AVX-512) is known before any is used.
    /// </summary>
    public OneDnnConvolution(in Conv2dGeometry geometry, bool hasBias, bool winograd)
    {
        g = geometry;
        algorithm = winograd ? OneDnn.ConvolutionWinograd : OneDnn.ConvolutionDirect;
        inShape = [g.Batch, g.InChannels, g.InHeight, g.InWidth];
        outShape = [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth];
        weightShape = g.Groups == 1
            ? [g.OutChannels, g.InChannelsPerGroup, g.KernelHeight, g.KernelWidth]
            : [g.Groups, g.OutChannelsPerGroup, g.InChannelsPerGroup, g.KernelHeight, g.KernelWidth];
        plainInput = OneDnn.Plain(inShape);
        plainWeight = OneDnn.Plain(weightShape);
        plainBias = OneDnn.Plain([g.OutChannels]);
        plainOutput = OneDnn.Plain(outShape);
        strides = [g.StrideHeight, g.StrideWidth];
        dilates = [g.DilationHeight - 1, g.DilationWidth - 1];
        paddingLeft = [g.PaddingHeight, g.PaddingWidth];
        // the right padding that makes oneDNN's output size PyTorch's (floor division drops what does not fit)
        paddingRight =
        [
            (g.OutHeight - 1L) * g.StrideHeight + (g.KernelHeight - 1L) * g.DilationHeight + 1 - g.InHeight - g.PaddingHeight,
            (g.OutWidth - 1L) * g.StrideWidth + (g.KernelWidth - 1L) * g.DilationWidth + 1 - g.InWidth - g.PaddingWidth,
        ];
        forwardPd = Describe((operation, s, d, l, r) => OneDnn.dnnl_dilated_convolution_forward_desc_init(operation, OneDnn.ForwardTraining,
            algorithm, OneDnn.Any(inShape), OneDnn.Any(weightShape), hasBias ? plainBias : null, OneDnn.Any(outShape), s, d, l, r),
            "convolution forward", hint: 0);
        forward = OneDnn.Primitive(forwardPd);
        input = new Operand(plainInput, OneDnn.Query(forwardPd, OneDnn.QuerySource), isOutput: false);
        weight = new Operand(plainWeight, OneDnn.Query(forwardPd, OneDnn.QueryWeights), isOutput: false);
        output = new Operand(plainOutput, OneDnn.Query(forwardPd, OneDnn.QueryDestination), isOutput: true);
        outputChannelBlock = output.IsReordered ? OneDnn.ChannelBlock(OneDnn.Query(forwardPd, OneDnn.QueryDestination), outShape) : 0;
        if (hasBias) bias = new Operand(plainBias, plainBias, isOutput: false);
        if (!winograd) return;
        backwardData = new BackwardData(this);
        backwardWeights = new BackwardWeights(this);
    }

    /// <summary>
    /// Whether Winograd F(4x4, 3x3) is the algorithm for a geometry: a 3x3 stride-1 undilated dense convolution whose
    /// channels fill oneDNN's 16-float blocks. There it took 0.35-0.85x the direct kernels' time, forward and both
    /// backwards, on every such keras-cnn and seed-000 layer at batch 32 (0.9-1.1x on seed-000's 6x6 planes), and 3-4x
    /// on their first layers (1 and 3 input channels), which it leaves to the direct kernels (AMD EPYC, AVX-512, 2026-12-07).
    /// Its rounding differs from the direct kernels'; the conformance suite holds it to the same tolerances.
    /// </summary>
    public static bool SuitsWinograd(in Conv2dGeometry g) =>
        g.KernelHeight == 3 && g.KernelWidth == 3 && g.StrideHeight == 1 && g.StrideWidth == 1 && g.DilationHeight == 1 && g.DilationWidth == 1
        && g.Groups == 1 && g.InChannels % 16 == 0 && g.OutChannels % 16 == 0;

    private delegate int ConvolutionInit(void* operation, long* strides, long* dilates, long* paddingLeft, long* paddingRight);

    /// <summary>A primitive descriptor from an operation descriptor that <paramref name="init"/> fills with this geometry's strides and paddings.</summary>
    private nint Describe(ConvolutionInit init, string what, nint hint)
    {
        void* operation = NativeMemory.AllocZeroed(OneDnn.OperationDescriptorBytes);
        try
        {
            fixed (long* s = strides, d = dilates, l = paddingLeft, r = paddingRight)
                OneDnn.Check(init(operation, s, d, l, r), what);
            return OneDnn.PrimitiveDescriptor(operation, hint);
        }
        finally
        {
            NativeMemory.Free(operation);
        }
    }

    /// <summary>
    /// output = conv2d(x, w) + b, overwriting output. With <paramref name="activationSlope"/>, where the primitive writes
    /// its output channel-blocked, LeakyReLU with that negative slope is applied as the blocked output is laid out plain
    /// (oneDNN's Winograd kernels take no leaky post-op, and the layout pass reads every value anyway); returns whether it was.
    /// </summary>
    public bool Forward(float[] x, float[] w, float[]? b, float[] y, float? activationSlope = null)
    {
        bool activated = activationSlope is not null && WritesChannelBlocked;
        fixed (float* py = y)
        {
            Execute(x, w, b, output.Prepare(py));
            if (activated)
                ChannelBlockedLayout.ToPlainActivated(output.BlockedData, y, g.Batch, g.OutChannels, g.OutHeight * g.OutWidth, outputChannelBlock, activationSlope!.Value);
            else
            {
                output.Finish();
                OneDnn.Wait();
            }
        }
        return activated;
    }

    /// <summary>Whether the forward writes its output channel-blocked (nChw16c, nChw8c), which <see cref="ForwardMaxPooled"/> needs.</summary>
    public bool WritesChannelBlocked => outputChannelBlock > 0;

    /// <summary>
    /// output = max_pool2d(leaky_relu(conv2d(x, w) + b), 2), pooled and activated as the blocked output is laid out plain;
    /// output [N, Cout, OH / 2, OW / 2]. Only where <see cref="WritesChannelBlocked"/>, with a non-negative slope.
    /// </summary>
    public void ForwardMaxPooled(float[] x, float[] w, float[]? b, float[] y, float negativeSlope)
    {
        Execute(x, w, b, output.Blocked);
        ChannelBlockedLayout.ToPlainActivatedMaxPooled(output.BlockedData, y, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, outputChannelBlock, negativeSlope);
    }

    // runs the forward primitive into destination (the output operand, prepared) and waits for it, so its output can be read
    private void Execute(float[] x, float[] w, float[]? b, nint destination)
    {
        fixed (float* px = x, pw = w, pb = b)
        {
            Span<OneDnn.ExecArg> args =
            [
                new() { Arg = OneDnn.ArgSource, Memory = input.Prepare(px) },
                new() { Arg = OneDnn.ArgWeights, Memory = weight.Prepare(pw) },
                new() { Arg = OneDnn.ArgDestination, Memory = destination },
                new() { Arg = OneDnn.ArgBias, Memory = bias?.Prepare(pb) ?? 0 },
            ];
            OneDnn.Execute(forward, bias is null ? args[..3] : args);
            OneDnn.Wait();
        }
        lastForwardInput = x;
    }

    /// <summary>
    /// dx (+)= the input gradient (overwritten unless <paramref name="accumulateInput"/>), dw += the weight gradient,
    /// db += the bias gradient; null ones are not computed.
    /// </summary>
    public void Backward(float[] x, float[] w, float[] dy, float[]? dx, bool accumulateInput, float[]? dw, float[]? db)
    {
        {
            // both primitives exist before anything is written, so a refusal leaves every gradient untouched for the fallback
            if (dx is not null) backwardData ??= new BackwardData(this);
            if (dw is not null || db is not null) backwardWeights ??= new BackwardWeights(this);
            Operand? reorderedDy = null;
            if (dx is not null)
            {
                if (accumulateInput)
                {
                    float[] scratch = CpuStoragePool.Rent(dx.Length, zeroed: false);
                    backwardData!.Run(w, dy, scratch);
                    TensorPrimitives.Add(dx, scratch.AsSpan(0, dx.Length), dx);
                    CpuStoragePool.Return(scratch);
                }
                else
                {
                    backwardData!.Run(w, dy, dx);
                }
                reorderedDy = backwardData.DiffOutput;
            }
            if (dw is not null || db is not null)
            {
                float[] dwScratch = CpuStoragePool.Rent(w.Length, zeroed: false);
                float[] dbScratch = CpuStoragePool.Rent(g.OutChannels, zeroed: false);
                backwardWeights!.Run(x, ReferenceEquals(x, lastForwardInput) ? input : null, dy, reorderedDy, dwScratch, dbScratch);
                if (dw is not null) TensorPrimitives.Add(dw, dwScratch.AsSpan(0, dw.Length), dw);
                if (db is not null) TensorPrimitives.Add(db, dbScratch.AsSpan(0, db.Length), db);
                CpuStoragePool.Return(dwScratch);
                CpuStoragePool.Return(dbScratch);
            }
        }
    }

    private sealed class BackwardData
    {
        private readonly nint primitive;
        private readonly Operand diffInput, weight;

        /// <summary>dy as the last <see cref="Run"/> passed it to the primitive (reordered into its layout where it wants another).</summary>
        public Operand DiffOutput { get; }

        public BackwardData(OneDnnConvolution c)
        {
            nint pd = c.Describe((operation, s, d, l, r) => OneDnn.dnnl_dilated_convolution_backward_data_desc_init(operation, c.algorithm,
                OneDnn.Any(c.inShape), OneDnn.Any(c.weightShape), OneDnn.Any(c.outShape), s, d, l, r), "convolution backward data", c.forwardPd);
            primitive = OneDnn.Primitive(pd);
            diffInput = new Operand(c.plainInput, OneDnn.Query(pd, OneDnn.QueryDiffSource), isOutput: true);
            weight = new Operand(c.plainWeight, OneDnn.Query(pd, OneDnn.QueryWeights), isOutput: false);
            DiffOutput = new Operand(c.plainOutput, OneDnn.Query(pd, OneDnn.QueryDiffDestination), isOutput: false);
        }

        public void Run(float[] w, float[] dy, float[] dx)
        {
            fixed (float* pw = w, pdy = dy, pdx = dx)
            {
                OneDnn.Execute(primitive,
                [
                    new() { Arg = OneDnn.ArgDiffDestination, Memory = DiffOutput.Prepare(pdy) },
                    new() { Arg = OneDnn.ArgWeights, Memory = weight.Prepare(pw) },
                    new() { Arg = OneDnn.ArgDiffSource, Memory = diffInput.Prepare(pdx) },
                ]);
                diffInput.Finish();
                OneDnn.Wait();
            }
        }
    }

    private sealed class BackwardWeights
    {
        private readonly nint primitive;
        private readonly Operand source, diffWeight, diffOutput;
        private readonly Operand? diffBias;

        public BackwardWeights(OneDnnConvolution c)
        {
            nint pd = c.Describe((operation, s, d, l, r) => OneDnn.dnnl_dilated_convolution_backward_weights_desc_init(operation, c.algorithm,
                OneDnn.Query(c.forwardPd, OneDnn.QuerySource), OneDnn.Any(c.weightShape), c.plainBias, OneDnn.Any(c.outShape), s, d, l, r),
                "convolution backward weights", c.forwardPd);
            primitive = OneDnn.Primitive(pd);
            source = new Operand(c.plainInput, OneDnn.Query(pd, OneDnn.QuerySource), isOutput: false);
            diffWeight = new Operand(c.plainWeight, OneDnn.Query(pd, OneDnn.QueryDiffWeights), isOutput: true);
            diffOutput = new Operand(c.plainOutput, OneDnn.Query(pd, OneDnn.QueryDiffDestination), isOutput: false);
            diffBias = new Operand(c.plainBias, c.plainBias, isOutput: true);
        }

        /// <summary>
        /// dw = the weight gradient, db = the bias gradient. <paramref name="reorderedX"/> and <paramref name="reorderedDy"/>,
        /// when given, hold x as the forward took it and dy as the backward-data primitive took it; their reordered copies
        /// serve here too where this primitive wants the same layouts.
        /// </summary>
        public void Run(float[] x, Operand? reorderedX, float[] dy, Operand? reorderedDy, float[] dw, float[] db)
        {
            fixed (float* px = x, pdy = dy, pdw = dw, pdb = db)
            {
                OneDnn.Execute(primitive,
                [
                    new() { Arg = OneDnn.ArgSource, Memory = reorderedX?.ReorderedInto(source) ?? source.Prepare(px) },
                    new() { Arg = OneDnn.ArgDiffDestination, Memory = reorderedDy?.ReorderedInto(diffOutput) ?? diffOutput.Prepare(pdy) },
                    new() { Arg = OneDnn.ArgDiffWeights, Memory = diffWeight.Prepare(pdw) },
                    new() { Arg = OneDnn.ArgDiffBias, Memory = diffBias!.Prepare(pdb) },
                ]);
                diffWeight.Finish();
                OneDnn.Wait();
            }
        }
    }

    /// <summary>
    /// One primitive argument: a memory over the caller's plain buffer and, when the primitive wants another layout, a
    /// library-allocated memory in that layout with the reorder between them (into it for inputs, out of it for outputs).
    /// </summary>
    private sealed class Operand
    {
        private readonly nint plain, blocked, reorder;
        private readonly void* wanted;
        private readonly bool isOutput;

        public Operand(void* plainDescriptor, void* wanted, bool isOutput)
        {
            this.isOutput = isOutput;
            this.wanted = wanted;
            plain = OneDnn.Memory(plainDescriptor, libraryAllocated: false);
            if (OneDnn.SameLayout(plainDescriptor, wanted)) return;
            blocked = OneDnn.Memory(wanted, libraryAllocated: true);
            reorder = isOutput ? OneDnn.Reorder(wanted, plainDescriptor) : OneDnn.Reorder(plainDescriptor, wanted);
        }

        /// <summary>Points the plain memory at <paramref name="data"/>, reorders an input into the primitive's layout, and returns the memory to pass.</summary>
        public nint Prepare(float* data)
        {
            OneDnn.SetHandle(plain, data);
            if (reorder == 0) return plain;
            if (!isOutput) OneDnn.Execute(reorder, [new() { Arg = OneDnn.ArgSource, Memory = plain }, new() { Arg = OneDnn.ArgDestination, Memory = blocked }]);
            return blocked;
        }

        /// <summary>
        /// The reordered copy of an input this operand last prepared, when <paramref name="other"/> wants the same layout;
        /// null where there is none (no reorder: the plain memory's handle was only valid while its buffer was pinned).
        /// </summary>
        public nint? ReorderedInto(Operand other) => reorder != 0 && !isOutput && OneDnn.SameLayout(wanted, other.wanted) ? blocked : null;

        /// <summary>Whether the primitive works on a copy in another layout (<see cref="BlockedData"/>) rather than on the caller's buffer.</summary>
        public bool IsReordered => reorder != 0;

        /// <summary>The copy in the primitive's layout: for an output, what the primitive wrote before <see cref="Finish"/> reorders it.</summary>
        public nint Blocked => blocked;

        /// <summary>The buffer of <see cref="Blocked"/>.</summary>
        public float* BlockedData => OneDnn.Data(blocked);

        /// <summary>Reorders an output from the primitive's layout into the caller's buffer.</summary>
        public void Finish()
        {
            if (reorder != 0) OneDnn.Execute(reorder, [new() { Arg = OneDnn.ArgSource, Memory = blocked }, new() { Arg = OneDnn.ArgDestination, Memory = plain }]);
        }
    }
}
