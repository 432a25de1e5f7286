using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Hark.Tensors.Autograd;

namespace Hark.Models;

/// <summary>
/// PANNs' Cnn14 (Kong et al. 2020, models.py) from the log-mel onwards, with PANNs' module names so a PANNs
/// checkpoint loads by name (<see cref="LoadPannsStateDict"/>): <c>bn0</c>, <c>conv_block1</c> .. <c>conv_block6</c>,
/// <c>fc1</c>, and <c>fc_audioset</c> (mean+max head) or <c>att_block</c> (attention head).
/// <para>
/// Input: Hark's batches [batch, channels, mels, frames] of log-mels (PANNs' extractor is not part of the model, nor
/// its SpecAugment and mixup, which Hark's augmentation runs). The forward transposes them to PANNs'
/// [batch, channels, frames, mels] and then follows PANNs exactly: bn0 over the mel bins, six conv blocks with 2x2
/// average pooling (none after the sixth) and dropout 0.2, the mean over mels; then either PANNs' Cnn14 head
/// (max + mean over frames, dropout, fc1 + ReLU = the embedding, fc_audioset) or Cnn14_DecisionLevelAtt's
/// (max-pool + avg-pool over 3 frames, dropout, fc1 + ReLU per frame, dropout, <see cref="AttentionPool"/>).
/// </para>
/// <para>
/// Output: logits. PANNs applies a sigmoid to fc_audioset; here the loss or the predictor does. With the attention
/// head and <see cref="AttentionActivation.Sigmoid"/> the pooled value is a probability p, returned as the logit
/// log(p / (1 - p)) with p clamped to [1e-7, 1 - 1e-7], so BCE-with-logits on it is PANNs' BCE on p.
/// <see cref="Embed"/> returns fc1's output (per frame averaged over frames for the attention head).
/// Weights start as PANNs' init_layer / init_bn set them: Xavier-uniform, zero biases, batch norms at 1 and 0.
/// </para>
/// </summary>
public sealed class Cnn14 : AudioClassifier
{
    /// <summary>Key prefixes of PANNs' spectrogram and log-mel extractors, which Hark's front end replaces.</summary>
    public static readonly IReadOnlyList<string> PannsFrontEndPrefixes = ["spectrogram_extractor.", "logmel_extractor."];

    private readonly List<Cnn14ConvBlock> convBlocks = [];

    public Cnn14(Cnn14Options options, Generator generator)
    {
        Options = options;
        if (options.Classes <= 0 || options.InputChannels <= 0 || options.InputCount <= 0 || options.MelBins <= 0 || options.Width <= 0
            || options.EmbeddingSize is <= 0)
            throw new ArgumentException($"Cnn14: classes ({options.Classes}), input channels ({options.InputChannels}), input count ({options.InputCount}), mel bins ({options.MelBins}), width ({options.Width}) and embedding size ({options.EmbeddingSize}) must be positive");
        Bn0 = RegisterModule("bn0", new BatchNorm2d(options.MelBins));
        int channels = options.InputChannels * options.InputCount;
        for (int i = 0; i < 6; i++)
        {
            int width = options.Width << i;
            convBlocks.Add(RegisterModule($"conv_block{i + 1}", new Cnn14ConvBlock(channels, width, i < 5 ? 2 : 1, generator)));
            channels = width;
        }
        EmbeddingSize = options.EmbeddingSize ?? channels;
        Fc1 = RegisterModule("fc1", new Linear(channels, EmbeddingSize, generator));
        if (options.Pooling == ClipPooling.MeanMax)
            FcAudioset = RegisterModule("fc_audioset", new Linear(EmbeddingSize, options.Classes, generator));
        else
            AttBlock = RegisterModule("att_block", new AttentionPool(EmbeddingSize, options.Classes, options.AttentionActivation, generator));
        BlockDropout = RegisterModule("block_dropout", new Dropout(generator.Fork(), options.BlockDropout));
        HeadDropout = RegisterModule("head_dropout", new Dropout(generator.Fork(), options.HeadDropout));
        PannsInit(generator);
    }

    public Cnn14Options Options { get; }
    public BatchNorm2d Bn0 { get; }
    public IReadOnlyList<Cnn14ConvBlock> ConvBlocks => convBlocks;
    public Linear Fc1 { get; }

    /// <summary>The mean+max head's classifier; null with the attention head.</summary>
    public Linear? FcAudioset { get; }

    /// <summary>The attention head; null with the mean+max head.</summary>
    public AttentionPool? AttBlock { get; }

    public Dropout BlockDropout { get; }
    public Dropout HeadDropout { get; }

    public override int ClassCount => Options.Classes;
    public override int EmbeddingSize { get; }
    public override int InputCount => Options.InputCount;

    /// <summary>The task-specific head (fc_audioset or att_block), which fine-tuning usually trains at a higher rate.</summary>
    public override bool IsHeadParameter(string name) =>
        name.StartsWith("fc_audioset.", StringComparison.Ordinal) || name.StartsWith("att_block.", StringComparison.Ordinal);

    // inputs [batch, channels, mels, frames] -> [batch, embedding]
    public override Tensor Embed(IReadOnlyList<Tensor> inputs) => Options.Pooling == ClipPooling.MeanMax
        ? ClipEmbedding(Features(FuseInputs(inputs)))
        : Ops.Mean(FrameEmbeddings(Features(FuseInputs(inputs))), [1]);

    // inputs [batch, channels, mels, frames] -> logits [batch, classes]
    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var features = Features(FuseInputs(inputs));
        // PANNs' Cnn14 drops out only the embedding it returns; fc_audioset reads fc1's output undropped
        if (FcAudioset is not null) return FcAudioset.Forward(ClipEmbedding(features));
        var clip = AttBlock!.Forward(HeadDropout.Forward(FrameEmbeddings(features)));
        if (AttBlock.Activation == AttentionActivation.Linear) return clip;
        var p = Ops.Clamp(clip, 1e-7f, 1 - 1e-7f);
        return Ops.Sub(Ops.Log(p), Ops.Log(Ops.Sub(1f, p)));
    }

    /// <summary>input [batch, channels, mels, frames] -> conv features averaged over mels [batch, channels', frames'].</summary>
    private Tensor Features(Tensor input)
    {
        ShapeException.Check(input.Shape[2] == Options.MelBins, "Cnn14", $"input [batch, channels, mels = {Options.MelBins}, frames]", input);
        // PANNs: x [B, C, T, M] -> transpose(1, 3) -> bn0 -> transpose(1, 3). Normalising [B, M, C, T] over axis 1 is the
        // same per-bin normalisation; one permute then gives PANNs' [B, C, T, M].
        var transposed = Ops.Transpose(input, 1, 2);
        var normalised = Bn0.Forward(transposed);
        if (!ReferenceEquals(transposed.Storage, input.Storage)) Graph.Retire(transposed);
        var x = Ops.Permute(normalised, 0, 2, 3, 1);
        if (!ReferenceEquals(x.Storage, normalised.Storage)) Graph.Retire(normalised);
        foreach (var block in convBlocks)
        {
            var blockOutput = block.Forward(x);
            var y = BlockDropout.Forward(blockOutput);
            // the forward alone reads these: retire each once its consumers have run
            if (!ReferenceEquals(blockOutput.Storage, y.Storage)) Graph.Retire(blockOutput);
            if (!ReferenceEquals(x.Storage, blockOutput.Storage)) Graph.Retire(x);
            x = y;
        }
        var features = Ops.Mean(x, [3]);
        Graph.Retire(x);
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

    /// <summary>
    /// Loads a PANNs state dict (e.g. <see cref="StateDictFile.Read"/> of PANNs' released .pth; see <see cref="LoadPannsCheckpoint"/>)
    /// by name. The extractor keys (<see cref="PannsFrontEndPrefixes"/>) and PANNs' unused <c>att_block.bn_att.*</c>
    /// are skipped. With <paramref name="loadHead"/> false the checkpoint's head (fc_audioset / att_block, AudioSet's
    /// 527 classes) is skipped too and this model keeps its own head, for fine-tuning on new classes. Every other
    /// key must match by name and shape; otherwise nothing is loaded and the error lists the differences.
    /// </summary>
    public StateDictLoadResult LoadPannsStateDict(IEnumerable<KeyValuePair<string, Tensor>> checkpoint, bool loadHead)
    {
        var kept = checkpoint
            .Where(kv => !PannsFrontEndPrefixes.Any(prefix => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                && !kv.Key.StartsWith("att_block.bn_att.", StringComparison.Ordinal)
                && (loadHead || !IsHeadParameter(kv.Key)))
            .ToList();
        if (loadHead) return LoadStateDict(kept, strict: true);
        var own = StateDict();
        var keys = kept.Select(kv => kv.Key).ToHashSet();
        var missing = own.Keys.Where(k => !keys.Contains(k) && !IsHeadParameter(k)).ToList();
        var unexpected = keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new StateDictException($"Cnn14.LoadPannsStateDict: the checkpoint's body does not match this Cnn14 (width {Options.Width}, {Options.MelBins} mel bins): "
                + $"missing keys ({missing.Count}): {string.Join(", ", missing)} | unexpected keys ({unexpected.Count}): {string.Join(", ", unexpected)}");
        return LoadStateDict(kept, strict: false);
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
