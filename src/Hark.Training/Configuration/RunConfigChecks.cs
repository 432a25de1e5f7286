using System.Globalization;
using Hark.Data;
using Hark.Features.Augmentation;
using Hark.Features.Extraction;
using Hark.Models;

namespace Hark.Training.Configuration;

/// <summary>
/// Range and choice checks of a resolved <see cref="RunConfig"/>, done before any data is read: every value that
/// cannot work (recipe.batch_size=0, recipe.lr=-1, an unknown loss or model) is listed in one
/// <see cref="ConfigException"/>, each with the key, the value and what it takes, so a run never dies minutes in.
/// </summary>
public static class RunConfigChecks
{
    public static void Validate(RunConfig config)
    {
        var problems = new List<string>();
        void Require(bool ok, string key, object? value, string expected)
        {
            if (!ok) problems.Add($"{key}={Format(value)}: expected {expected}");
        }
        void OneOf(string key, string? value, params string[] choices) =>
            Require(value is not null && choices.Contains(value, StringComparer.OrdinalIgnoreCase), key, value, "one of " + string.Join(", ", choices) + ClosestName.Hint(value ?? "", choices));
        void Options(string section, Action? validate)
        {
            try { validate?.Invoke(); }
            catch (ArgumentException e)
            {
                var message = FirstLine(e.Message);
                // Option types name their own keys ("spec_augment.p: ..."); those get the section in front, the rest a colon.
                problems.Add(System.Text.RegularExpressions.Regex.IsMatch(message, @"^[a-z_]+\.[a-z_./]+[: ]") ? $"{section}.{message}" : $"{section}: {message}");
            }
        }

        var data = config.Data;
        OneOf("data.validation", data.Validation, ValidationRule.Auto, "stratified", "group", "column", "none");
        Require(data.ValFraction is > 0 and < 1, "data.val_fraction", data.ValFraction, "a fraction between 0 and 1 (exclusive)");
        OneOf("data.on_bad_input", data.OnBadInput, "skip", "fail");
        Require(data.Validation != "group" || !string.IsNullOrEmpty(data.GroupColumn), "data.group_column", data.GroupColumn, "a column name (e.g. speaker) when data.validation=group");
        Require(config.ImageSize >= 8, "image_size", config.ImageSize, "at least 8 pixels");

        var model = config.Model;
        OneOf("model.name", model.Name, [.. ModelZoo.Names]);
        Require(model.Width is null or >= 1, "model.width", model.Width, "a whole number >= 1");
        Require(model.Depth is null or >= 1, "model.depth", model.Depth, "a whole number >= 1");
        Require(model.EmbeddingSize is null or >= 1, "model.embedding_size", model.EmbeddingSize, "a whole number >= 1");
        Require(model.Dropout is null or (>= 0 and < 1), "model.dropout", model.Dropout, "a probability in [0, 1)");
        Require(model.BlockDropout is null or (>= 0 and < 1), "model.block_dropout", model.BlockDropout, "a probability in [0, 1)");
        Require(model.BatchNormMomentum is null or (> 0 and <= 1), "model.batch_norm_momentum", model.BatchNormMomentum, "a value in (0, 1] (torch's convention, default 0.1)");
        Require(model.BatchNormEps is null or > 0, "model.batch_norm_eps", model.BatchNormEps, "a positive number");
        Require(model.MaxParameters is null or > 0, "model.max_parameters", model.MaxParameters, "a positive number");
        Require(model.ImageSize is null or (>= 8 and <= 4096), "model.image_size", model.ImageSize, "a side of 8 to 4096 pixels");
        Require(model.WidthMultiplier is null or (> 0 and <= 16), "model.width_multiplier", model.WidthMultiplier, "a positive number up to 16 (torchvision's width_mult)");
        Require(model.DepthMultiplier is null or (> 0 and <= 16), "model.depth_multiplier", model.DepthMultiplier, "a positive number up to 16 (torchvision's depth_mult)");
        Require(model.DropPath is null or (>= 0 and < 1), "model.drop_path", model.DropPath, "a probability in [0, 1)");

        var recipe = config.Recipe;
        Require(recipe.Epochs >= 1, "recipe.epochs", recipe.Epochs, "at least 1");
        Require(recipe.BatchSize >= 1, "recipe.batch_size", recipe.BatchSize, "at least 1");
        Require(recipe.Lr > 0 && float.IsFinite(recipe.Lr), "recipe.lr", recipe.Lr, "a positive learning rate, e.g. 1e-3");
        Require(recipe.WeightDecay >= 0, "recipe.weight_decay", recipe.WeightDecay, "a number >= 0");
        Require(recipe.Momentum is >= 0 and < 1, "recipe.momentum", recipe.Momentum, "a value in [0, 1)");
        Require(recipe.HeadLrMultiplier > 0, "recipe.head_lr_multiplier", recipe.HeadLrMultiplier, "a positive number");
        Require(recipe.LayerDecay is > 0 and <= 1, "recipe.layer_decay", recipe.LayerDecay, "a number in (0, 1]");
        Require(recipe.MaxLr > 0, "recipe.max_lr", recipe.MaxLr, "a positive learning rate");
        Require(recipe.PctStart is > 0 and < 1, "recipe.pct_start", recipe.PctStart, "a fraction between 0 and 1 (exclusive)");
        Require(recipe.DivFactor > 0, "recipe.div_factor", recipe.DivFactor, "a positive number");
        Require(recipe.FinalDivFactor > 0, "recipe.final_div_factor", recipe.FinalDivFactor, "a positive number");
        Require(recipe.WarmupEpochs >= 0, "recipe.warmup_epochs", recipe.WarmupEpochs, "a number >= 0");
        Require(recipe.PlateauFactor is > 0 and < 1, "recipe.plateau_factor", recipe.PlateauFactor, "a factor between 0 and 1 (exclusive)");
        Require(recipe.PlateauPatience >= 0, "recipe.plateau_patience", recipe.PlateauPatience, "a whole number >= 0");
        Require(recipe.StepSize >= 1, "recipe.step_size", recipe.StepSize, "at least 1");
        Require(recipe.Gamma > 0, "recipe.gamma", recipe.Gamma, "a positive number");
        Require(recipe.Precision == Precision.Fp32, "recipe.precision", recipe.Precision.ToString().ToLowerInvariant(),
            "fp32: Hark trains in float32 on every device (the CPU computes only in fp32; bf16/fp16 mixed precision on the GPU is not implemented yet)");
        Require(recipe.LabelSmoothing is >= 0 and < 1, "recipe.label_smoothing", recipe.LabelSmoothing, "a value in [0, 1)");
        Require(recipe.FocalGamma >= 0, "recipe.focal_gamma", recipe.FocalGamma, "a number >= 0");
        Require(recipe.FocalAlpha is >= 0 and <= 1, "recipe.focal_alpha", recipe.FocalAlpha, "a value in [0, 1]");
        Require(recipe.GceQ is > 0 and <= 1, "recipe.gce_q", recipe.GceQ, "a value in (0, 1]");
        Require(recipe.SceAlpha >= 0 && recipe.SceBeta >= 0, "recipe.sce_alpha/sce_beta", $"{Format(recipe.SceAlpha)}/{Format(recipe.SceBeta)}", "values >= 0");
        OneOf("recipe.class_weights", recipe.ClassWeights, "none", "inverse", "inverse_sqrt");
        Require(recipe.OversampleCap >= 1, "recipe.oversample_cap", recipe.OversampleCap, "a number >= 1");
        Require(recipe.ClipGradNorm >= 0, "recipe.clip_grad_norm", recipe.ClipGradNorm, "a number >= 0 (0 turns clipping off)");
        Require(recipe.EmaDecay is >= 0 and < 1, "recipe.ema_decay", recipe.EmaDecay, "a value in [0, 1) (0 turns EMA off)");
        Require(recipe.EarlyStoppingPatience >= 0, "recipe.early_stopping_patience", recipe.EarlyStoppingPatience, "a whole number >= 0 (0 turns it off)");
        Require(!string.IsNullOrWhiteSpace(recipe.BestMetric), "recipe.best_metric", recipe.BestMetric, "auto, loss or a metric name such as macro_f1");
        Options("recipe.mix", recipe.Mix is null ? null : recipe.Mix.Validate);
        Options("recipe.augment", recipe.Augment is null ? null : () => new SpectrogramAugmentations(recipe.Augment));
        try { WaveformAugmenter.FromOptions(recipe.WaveformAugment); }
        catch (ConfigException e) { problems.Add(FirstLine(e.Message)); }

        var tta = config.Tta;
        Require(tta.Crops >= 0, "tta.crops", tta.Crops, "0 (cover each clip) or a number of crops >= 1");
        Require(tta.Perturbations >= 0, "tta.perturbations", tta.Perturbations, "a whole number >= 0");
        Require(tta.Shift is >= 0 and <= 1, "tta.shift", tta.Shift, "a fraction in [0, 1]");
        Require(tta.GainDb >= 0, "tta.gain_db", tta.GainDb, "a number of dB >= 0");

        if (config.FrontEnd is not null)
            try { FrontEndResolver.Resolve(config.FrontEnd); }
            catch (ConfigException e) { problems.Add(e.Message); }

        if (problems.Count == 1) throw new ConfigException(problems[0]);
        if (problems.Count > 1) throw new ConfigException($"{problems.Count} settings cannot be used: {string.Join("; ", problems)}");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string FirstLine(string message)
    {
        int cut = message.IndexOfAny(['\n', '\r']);
        var line = cut >= 0 ? message[..cut] : message;
        int parameter = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? line[..parameter] : line;
    }
}
