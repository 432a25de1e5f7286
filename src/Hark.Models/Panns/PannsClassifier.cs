using System.Diagnostics;
using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// What every PANNs network (Kong et al. 2020, models.py) shares around its body, with PANNs' module names so a PANNs
/// checkpoint loads by name (<see cref="LoadPannsStateDict"/>): <c>bn0</c> first, the body a subclass registers, then
/// <c>fc1</c> and <c>fc_audioset</c> (mean+max head) or <c>att_block</c> (decision-level attention head).
/// <para>
/// Input: Hark's batches [batch, channels, mels, frames] of log-mels (PANNs' extractor is not part of the model, nor
/// its SpecAugment and mixup, which Hark's augmentation runs). The forward transposes them to PANNs'
/// [batch, channels, frames, mels]: bn0 over the mel bins, the body (<see cref="Body"/>), the mean over mels; then
/// either PANNs' clip head (max + mean over frames, dropout, fc1 + ReLU = the embedding, fc_audioset) or the
/// decision-level attention head of Cnn14_DecisionLevelAtt (max-pool + avg-pool over 3 frames, dropout, fc1 + ReLU per
/// frame, dropout, <see cref="AttentionPool"/>), which also gives <see cref="Framewise"/> output.
/// </para>
/// <para>
/// Output: logits. PANNs applies a sigmoid to fc_audioset; here the loss or the predictor does. With the attention
/// head and <see cref="AttentionActivation.Sigmoid"/> the pooled value is a probability p, returned as the logit
/// log(p / (1 - p)) with p clamped to [1e-7, 1 - 1e-7], so BCE-with-logits on it is PANNs' BCE on p.
/// <see cref="Embed"/> returns fc1's output (per frame averaged over frames for the attention head).
/// Weights start as PANNs' init_layer / init_bn set them: Xavier-uniform, zero biases, batch norms at 1 and 0.
/// </para>
/// </summary>
public abstract class PannsClassifier : AudioClassifier
{
    /// <summary>Key prefixes of PANNs' spectrogram and log-mel extractors, which Hark's front end replaces.</summary>
    public static readonly IReadOnlyList<string> PannsFrontEndPrefixes = ["spectrogram_extractor.", "logmel_extractor."];

    /// <summary>Checks the options and registers bn0; the subclass then registers its body and calls <see cref="RegisterHead"/>.</summary>
    protected PannsClassifier(PannsOptions options)
    {
        options.Validate(GetType().Name);
        Options = options;
        Bn0 = RegisterModule("bn0", new BatchNorm2d(options.MelBins));
    }

    public PannsOptions Options { get; }
    public BatchNorm2d Bn0 { get; }
    public Linear Fc1 { get; private set; } = null!;

    /// <summary>The mean+max head's classifier; null with the attention head.</summary>
    public Linear? FcAudioset { get; private set; }

    /// <summary>The attention head; null with the mean+max head.</summary>
    public AttentionPool? AttBlock { get; private set; }

    /// <summary>PANNs' dropout after the body's blocks (0.2).</summary>
    public Dropout BlockDropout { get; private set; } = null!;

    public Dropout HeadDropout { get; private set; } = null!;

    public override int ClassCount => Options.Classes;
    public override int EmbeddingSize => Fc1.OutFeatures;
    public override int InputCount => Options.InputCount;

    /// <summary>How many input frames one frame of the body's output covers (PANNs' interpolate_ratio: 32 for Cnn14 and ResNet38).</summary>
    public abstract int TimeDownsampling { get; }

    /// <summary>The task-specific head (fc_audioset or att_block), which fine-tuning usually trains at a higher rate.</summary>
    public override bool IsHeadParameter(string name) =>
        name.StartsWith("fc_audioset.", StringComparison.Ordinal) || name.StartsWith("att_block.", StringComparison.Ordinal);

    /// <summary>Registers fc1 and the head after a body whose output has <paramref name="channels"/> channels, then initialises every weight as PANNs does.</summary>
    protected void RegisterHead(int channels, Generator generator)
    {
        Fc1 = RegisterModule("fc1", new Linear(channels, Options.EmbeddingSize ?? channels, generator));
        if (Options.Pooling == ClipPooling.MeanMax)
            FcAudioset = RegisterModule("fc_audioset", new Linear(Fc1.OutFeatures, Options.Classes, generator));
        else
            AttBlock = RegisterModule("att_block", new AttentionPool(Fc1.OutFeatures, Options.Classes, Options.AttentionActivation, generator));
        BlockDropout = RegisterModule("block_dropout", new Dropout(generator.Fork(), Options.BlockDropout));
        HeadDropout = RegisterModule("head_dropout", new Dropout(generator.Fork(), Options.HeadDropout));
        PannsInit(generator);
    }

    /// <summary>x [batch, channels, frames, mels] after bn0 -> [batch, channels', frames / <see cref="TimeDownsampling"/>, mels'], block dropout applied.</summary>
    protected abstract Tensor Body(Tensor x);

    // inputs [batch, channels, mels, frames] -> [batch, embedding]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs) => Options.Pooling == ClipPooling.MeanMax
        ? ClipEmbedding(Features(FuseInputs(inputs)))
        : Ops.Mean(FrameEmbeddings(Features(FuseInputs(inputs))), [1]);

    // inputs [batch, channels, mels, frames] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var features = Features(FuseInputs(inputs));
        // PANNs drops out only the embedding it returns; fc_audioset reads fc1's output undropped
        if (FcAudioset is not null) return FcAudioset.Forward(ClipEmbedding(features));
        var clip = AttBlock!.Forward(HeadDropout.Forward(FrameEmbeddings(features)));
        if (AttBlock.Activation == AttentionActivation.Linear) return clip;
        var p = Ops.Clamp(clip, 1e-7f, 1 - 1e-7f);
        return Ops.Sub(Ops.Log(p), Ops.Log(Ops.Sub(1f, p)));
    }

    /// <summary>
    /// The attention head's per-frame scores at the input's frame rate, [batch, frames, classes]: probabilities with
    /// <see cref="AttentionActivation.Sigmoid"/> (PANNs' framewise_output, for sound event detection). As PANNs does, each
    /// of the body's output frames is repeated <see cref="TimeDownsampling"/> times (interpolate) and the last one again
    /// up to the input's frame count (pad_framewise_output).
    /// </summary>
    public Tensor Framewise(IReadOnlyList<Tensor> inputs)
    {
        if (AttBlock is null)
            throw new InvalidOperationException($"{GetType().Name}: framewise output needs the decision-level attention head (pooling attention, as in PANNs' Cnn14_DecisionLevelAtt)");
        var input = FuseInputs(inputs);
        var segments = AttBlock.FrameScores(HeadDropout.Forward(FrameEmbeddings(Features(input))));
        return RepeatFrames(segments, TimeDownsampling, input.Shape[3]);
    }

    /// <summary>input [batch, channels, mels, frames] -> body features averaged over mels [batch, channels', frames'].</summary>
    private Tensor Features(Tensor input)
    {
        ShapeException.Check(input.Shape[2] == Options.MelBins, GetType().Name, $"input [batch, channels, mels = {Options.MelBins}, frames]", input);
        ShapeException.Check(input.Shape[3] >= TimeDownsampling, GetType().Name, $"input [batch, channels, mels, frames >= {TimeDownsampling}] (PANNs' downsampling in time)", input);
        // PANNs: x [B, C, T, M] -> transpose(1, 3) -> bn0 -> transpose(1, 3). Normalising [B, M, C, T] over axis 1 is the
        // same per-bin normalisation; one permute then gives PANNs' [B, C, T, M].
        var transposed = Ops.Transpose(input, 1, 2);
        var normalised = Bn0.Forward(transposed);
        var x = Ops.Permute(normalised, 0, 2, 3, 1);
        var body = Body(x);
        var features = Ops.Mean(body, [3]);
        return features;
    }

    // features [batch, channels, frames] -> fc1(max + mean over frames) [batch, embedding]
    private Tensor ClipEmbedding(Tensor features)
    {
        var pooled = Ops.Add(Ops.Max(features, 2), Ops.Mean(features, [2]));
        return Ops.Relu(Fc1.Forward(HeadDropout.Forward(pooled)));
    }

    // features [batch, channels, frames] -> fc1 per frame after 3-frame max + average smoothing [batch, frames, embedding]
    private Tensor FrameEmbeddings(Tensor features)
    {
        int batch = features.Shape[0], channels = features.Shape[1], frames = features.Shape[2];
        var x = Ops.Reshape(features, batch, channels, frames, 1);
        var smoothed = Ops.Add(Ops.MaxPool2d(x, (3, 1), (1, 1), (1, 0)), Ops.AvgPool2d(x, (3, 1), (1, 1), (1, 0)));
        var perFrame = Ops.Transpose(Ops.Reshape(HeadDropout.Forward(smoothed), batch, channels, frames), 1, 2);
        return Ops.Relu(Fc1.Forward(perFrame));
    }

    // segments [batch, count, classes] -> [batch, frames, classes]: PANNs' interpolate (each segment repeated ratio times)
    // then pad_framewise_output (the last segment repeated up to frames), as broadcasts so gradients flow
    private static Tensor RepeatFrames(Tensor segments, int ratio, int frames)
    {
        int batch = segments.Shape[0], count = segments.Shape[1], classes = segments.Shape[2];
        Debug.Assert(count * ratio <= frames, "the body pools frames down, never up");
        var repeated = Ops.Reshape(Ops.Mul(Ops.Reshape(segments, batch, count, 1, classes), Tensor.Ones([1, 1, ratio, 1], segments.Device)), batch, count * ratio, classes);
        int pad = frames - count * ratio;
        if (pad == 0) return repeated;
        var last = Ops.Slice(segments, 1, count - 1, count);
        return Ops.Cat([repeated, Ops.Mul(last, Tensor.Ones([1, pad, 1], segments.Device))], 1);
    }

    /// <summary>
    /// Loads a PANNs state dict (e.g. <see cref="StateDictFile.Read"/> of PANNs' released .pth; see <see cref="LoadPannsCheckpoint"/>)
    /// by name. The extractor keys (<see cref="PannsFrontEndPrefixes"/>) and PANNs' unused <c>att_block.bn_att.*</c>
    /// are skipped. With <paramref name="loadHead"/> false the checkpoint's head (fc_audioset / att_block, AudioSet's
    /// 527 classes) is skipped too and this model keeps its own head, for fine-tuning on new classes. Every other
    /// key must match by name and shape; otherwise nothing is loaded and the error lists the differences.
    /// </summary>
    public StateDictLoadResult LoadPannsStateDict(IEnumerable<KeyValuePair<string, Tensor>> checkpoint, bool loadHead)
    {
        var kept = checkpoint.Where(kv => !PannsFrontEndPrefixes.Any(prefix => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            && !kv.Key.StartsWith("att_block.bn_att.", StringComparison.Ordinal));
        return LoadBodyStateDict(kept, loadHead, $"{GetType().Name}.LoadPannsStateDict (width {Options.Width}, {Options.MelBins} mel bins)");
    }

    /// <summary>
    /// <see cref="LoadPannsStateDict"/> from a file: PANNs' released .pth (torch.save zip format; the state dict may
    /// sit under "model") or a safetensors file. Errors name the file.
    /// </summary>
    public StateDictLoadResult LoadPannsCheckpoint(string path, bool loadHead)
    {
        try { return LoadPannsStateDict(StateDictFile.Read(path), loadHead); }
        catch (StateDictException e) { throw new StateDictException($"{path}: {e.Message}"); }
    }

    private void PannsInit(Generator generator)
    {
        foreach (var (_, module) in NamedModules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.Weight, conv.Bias),
                Linear linear => (linear.Weight, linear.Bias),
                PointwiseConv1d pointwise => (pointwise.Weight, pointwise.Bias),
                _ => (null, null),
            };
            if (weight is not null) Initializers.XavierUniform(weight, generator);
            if (bias is not null) Initializers.Zeros(bias);
        }
    }
}
