using Hark.Audio.Augmentation;
using Hark.Features.Augmentation;

namespace Hark.Training.Configuration;

/// <summary>How a model is trained. Keys are snake_case in YAML and mirror PyTorch's names (`weight_decay`, `max_lr`, `label_smoothing`).</summary>
public sealed class RecipeConfig
{
    public string Name { get; set; } = "custom";
    public int Epochs { get; set; } = 30;
    public int BatchSize { get; set; } = 32;

    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adamw;
    public float Lr { get; set; } = 1e-3f;
    public float WeightDecay { get; set; } = 1e-4f;
    public float Momentum { get; set; } = 0.9f;
    public bool Nesterov { get; set; }

    /// <summary>Learning-rate multiplier of the head's parameter group (the encoder keeps <see cref="Lr"/>); 1 gives one group.</summary>
    public float HeadLrMultiplier { get; set; } = 1f;

    /// <summary>
    /// Layer-wise learning-rate decay as timm and BEiT apply it: a parameter at depth d of the model's D
    /// (<c>AudioClassifier.LayerDepth</c>: the stem 0, one per block, the head D) trains at lr x layer_decay^(D - d),
    /// times <see cref="HeadLrMultiplier"/> in the head; 1 turns it off.
    /// </summary>
    public float LayerDecay { get; set; } = 1f;

    /// <summary>
    /// Epochs at the start during which only the head trains: the body's parameters get no gradient and its batch norms
    /// keep their running statistics (fine-tuning a pretrained network without wrecking it while the head is random).
    /// </summary>
    public int FreezeEpochs { get; set; }

    /// <summary>
    /// Train no network: embed every example once with the (pretrained, frozen) body, then fit the head as an
    /// L2-regularised logistic regression by L-BFGS (softmax for single-label data, one-vs-rest for multi-label).
    /// </summary>
    public bool LinearProbe { get; set; }

    /// <summary>The probe's inverse L2 strength, as scikit-learn's LogisticRegression(C): the loss is C x the summed log-loss + 0.5 |W|^2.</summary>
    public float ProbeC { get; set; } = 1f;

    /// <summary>
    /// Standardise each embedding dimension by the training mean and standard deviation before the regression
    /// (scikit-learn's StandardScaler; a constant dimension keeps scale 1), folded into the head's weights afterwards.
    /// </summary>
    public bool ProbeStandardize { get; set; } = true;

    /// <summary>The probe's L-BFGS iteration limit (scikit-learn's max_iter).</summary>
    public int ProbeMaxIterations { get; set; } = 1000;

    public ScheduleKind Schedule { get; set; } = ScheduleKind.Onecycle;
    public float MaxLr { get; set; } = 3e-3f;
    public float PctStart { get; set; } = 0.3f;
    public float DivFactor { get; set; } = 10f;
    public float FinalDivFactor { get; set; } = 100f;
    public float WarmupEpochs { get; set; } = 1f;
    public float PlateauFactor { get; set; } = 0.5f;
    public int PlateauPatience { get; set; } = 3;
    public int StepSize { get; set; } = 10;
    public float Gamma { get; set; } = 0.1f;

    /// <summary>fp32, bf16 or fp16; only fp32 trains today (mixed precision is for the GPU and not implemented yet).</summary>
    public Precision Precision { get; set; } = Precision.Fp32;

    /// <summary>
    /// ce, bce, focal, gce or sce. Single-label data trains with ce, gce or sce; multi-label data with bce (ce means
    /// bce there), focal, gce or sce. gce and sce are for noisy labels and take neither label smoothing nor class weights.
    /// </summary>
    public LossKind Loss { get; set; } = LossKind.Ce;
    public float LabelSmoothing { get; set; } = 0.1f;
    public float FocalGamma { get; set; } = 2f;
    public float FocalAlpha { get; set; } = 0.25f;

    /// <summary>Generalised cross-entropy's q in (0, 1]: near 0 it is cross-entropy, at 1 mean absolute error.</summary>
    public float GceQ { get; set; } = 0.7f;

    /// <summary>Symmetric cross-entropy's weight of the cross-entropy term.</summary>
    public float SceAlpha { get; set; } = 0.1f;

    /// <summary>Symmetric cross-entropy's weight of the reverse cross-entropy term.</summary>
    public float SceBeta { get; set; } = 1f;

    /// <summary>none, inverse or inverse_sqrt: CE class weights; for BCE, pos_weight from training counts when set.</summary>
    public string ClassWeights { get; set; } = "none";
    public bool BalancedSampler { get; set; }
    public float OversampleCap { get; set; } = 5f;

    /// <summary>Batch-level MixUp / CutMix (mixup_alpha, cutmix_alpha, prob, switch_prob); both alphas 0 turn mixing off.</summary>
    public MixOptions Mix { get; set; } = new() { MixupAlpha = 0.3f };

    public float ClipGradNorm { get; set; } = 1f;

    /// <summary>Decay of the weight EMA; 0 disables it. With EMA on, validation, the best checkpoint and the final model use the EMA weights.</summary>
    public float EmaDecay { get; set; } = 0.999f;

    /// <summary>Stop after this many epochs without improvement of <see cref="BestMetric"/>; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>Validation metric that picks the best epoch: auto (macro_f1 for single-label, lwlrap for multi-label data), any metric the run reports, or loss (lower is better).</summary>
    public string BestMetric { get; set; } = "auto";

    /// <summary><see cref="BestMetric"/> with auto resolved: macro_f1 for single-label data, lwlrap for multi-label data.</summary>
    public string SelectionMetric(bool multiLabel) => BestMetric == "auto" ? (multiLabel ? "lwlrap" : "macro_f1") : BestMetric;

    /// <summary>Per-sample spectrogram augmentations applied to training batches in a fixed order; a missing section is off.</summary>
    public SpectrogramAugmentationOptions Augment { get; set; } = new()
    {
        SpecAugment = new SpecAugmentOptions { P = 0.7f, FreqMasks = 1, FreqMaskParam = 8, TimeMasks = 1, TimeMaskParam = 12 },
    };

    /// <summary>
    /// Waveform augmentations of training clips (time_stretch, pitch_shift, time_shift, gain, noise; each with its p), applied
    /// before the front end: an example whose augmentation fires has its features re-extracted each epoch. All sections off
    /// (the default) keeps features extracted once.
    /// </summary>
    public WaveformAugmentationOptions WaveformAugment { get; set; } = new();

    /// <summary>
    /// Whether a training clip longer than the clip length is cropped at a random offset each epoch (its features
    /// recomputed) instead of always from the front end's fixed window. Unset, it is switched on when the clip length is
    /// chosen from the data (<see cref="ClipLengthRule"/>, which records <c>true</c> in config.yaml) and off otherwise.
    /// </summary>
    public bool? RandomCrop { get; set; }
}
