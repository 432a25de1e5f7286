using Hark.Tensors.Autograd;
using Hark.Data;
using Hark.Evaluation.Reports;
using System.Diagnostics;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Nn.Schedules;
using Hark.Tensors;
using Hark.Training.Configuration;
using Hark.Evaluation;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>
/// The training loop of a recipe: seeded shuffling (or class-balanced sampling), batch augmentation and MixUp/CutMix,
/// loss, backward, gradient clipping, optimiser and per-step schedule, weight EMA, per-epoch validation, best-epoch
/// selection by the recipe's metric, early stopping, and a checkpoint after every epoch written atomically.
/// Every epoch draws its randomness (order, waveform and batch augmentation, mixing, and the model's dropout generators, which are reseeded)
/// from (seed, epoch) alone, so a run resumed from the checkpoint of epoch e continues exactly as the uninterrupted run would.
/// </summary>
public sealed class Trainer
{
    private readonly AudioClassifier model;
    private readonly RecipeConfig recipe;
    private readonly ulong seed;
    private readonly ITrainingObserver observer;
    private readonly BatchAugmenter augmenter;
    private readonly WaveformAugmenter? waveformAugmenter;
    private readonly RandomTrainingCrops? randomCrops;

    /// <summary>
    /// <paramref name="waveformAugmenter"/>: re-extracts the features of waveform-augmented training examples each epoch
    /// (recipe.waveform_augment), or null when that is off. <paramref name="randomCrops"/>: re-extracts the long training
    /// clips from a random window each epoch (recipe.random_crop), or null when that is off; it runs before waveform
    /// augmentation, whose augmented clips are then cropped by its own front end.
    /// </summary>
    public Trainer(AudioClassifier model, RecipeConfig recipe, ulong seed, ITrainingObserver observer, WaveformAugmenter? waveformAugmenter = null,
        RandomTrainingCrops? randomCrops = null)
    {
        this.model = model;
        this.recipe = recipe;
        this.seed = seed;
        this.observer = observer;
        this.waveformAugmenter = waveformAugmenter;
        this.randomCrops = randomCrops;
        augmenter = new BatchAugmenter(recipe);
    }

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> each epoch; writes weights and the checkpoint into <paramref name="run"/>.</summary>
    public TrainingOutcome Fit(FeatureSet train, FeatureSet validation, RunDirectory run, TrainingCheckpoint? resumeFrom)
    {
        if (train.Count == 0) throw new ArgumentException("Trainer: the training set is empty");
        if (recipe.FreezeEpochs < 0) throw new ConfigException($"recipe.freeze_epochs={recipe.FreezeEpochs}: expected 0 or more epochs");
        if (recipe.FreezeEpochs > 0 && !model.NamedParameters().Any(p => model.IsHeadParameter(p.Key)))
            throw new ConfigException($"recipe.freeze_epochs={recipe.FreezeEpochs}, but {model.GetType().Name} names no head parameters to train while its body is frozen");
        bool multiLabel = train.IsMultiLabel;
        var weights = ClassWeighting.For(recipe, train);
        var loss = new LossFunction(recipe, multiLabel, weights.ClassWeights, weights.PosWeight);
        var sampler = new EpochSampler(recipe, train);
        int batchesPerEpoch = (sampler.SamplesPerEpoch + recipe.BatchSize - 1) / recipe.BatchSize;

        var optimizer = OptimizerFactory.Create(recipe, model);
        var schedule = new ScheduleDriver(recipe, optimizer, batchesPerEpoch);
        var ema = recipe.EmaDecay > 0 ? new WeightEma(model, recipe.EmaDecay, EmaBufferPolicy.Average) : null;
        var selector = new BestEpochSelector(recipe.SelectionMetric(multiLabel));
        var history = new List<EpochRecord>();
        int firstEpoch = 1;

        if (resumeFrom is not null)
        {
            resumeFrom.Restore(model, optimizer, ema);
            foreach (var record in resumeFrom.History)
            {
                history.Add(record);
                schedule.Replay(record);
                selector.Offer(record);
            }
            firstEpoch = history.Count + 1;
            observer.Message($"resuming after epoch {history.Count} of {recipe.Epochs}");
        }

        for (int epoch = firstEpoch; epoch <= recipe.Epochs; epoch++)
        {
            if (selector.EpochsWithoutImprovement >= recipe.EarlyStoppingPatience && recipe.EarlyStoppingPatience > 0)
            {
                observer.Message($"early stopping: {recipe.BestMetric} has not improved for {recipe.EarlyStoppingPatience} epochs");
                break;
            }
            var generator = new Generator(EpochSeed(epoch));
            ulong stream = 0;
            foreach (var dropout in model.RandomGenerators()) dropout.Reseed(EpochSeed(epoch) * 1_000_003UL + ++stream);
            var order = sampler.Draw(generator);
            var epochTrain = randomCrops?.ForEpoch(train, EpochSeed(epoch)) ?? train;
            if (waveformAugmenter is not null)
            {
                var augmentClock = Stopwatch.StartNew();
                epochTrain = waveformAugmenter.ForEpoch(epochTrain, EpochSeed(epoch), out int augmented);
                observer.Message($"epoch {epoch}: waveform augmentation re-extracted {augmented} of {train.Count} training examples in {augmentClock.Elapsed.TotalSeconds:F1} s");
            }
            observer.EpochStarted(epoch, recipe.Epochs, batchesPerEpoch);
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            model.Train();
            if (recipe.FreezeEpochs > 0) FreezeBody(epoch <= recipe.FreezeEpochs);
            for (int b = 0; b < batchesPerEpoch; b++)
            {
                var indices = order.AsSpan(b * recipe.BatchSize, Math.Min(recipe.BatchSize, order.Length - b * recipe.BatchSize));
                using var step = MemoryScope.Begin(); // the step's activations go back to the pool as backward passes them
                var mix = augmenter.Apply(epochTrain.Batch(indices), generator);
                var batchLoss = loss.Compute(model.Forward(model.OnModelDevice(mix.Inputs)), epochTrain, indices, mix);
                optimizer.ZeroGrad();
                batchLoss.Backward();
                if (recipe.ClipGradNorm > 0) GradientClipping.ClipGradNorm(model.Parameters(), recipe.ClipGradNorm);
                optimizer.Step();
                schedule.AfterBatch();
                ema?.Update();
                lossSum += batchLoss.Item() * indices.Length;
                observer.BatchFinished(epoch, b + 1, batchesPerEpoch, batchLoss.Item(), (b * recipe.BatchSize + indices.Length) / clock.Elapsed.TotalSeconds);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double learningRate = optimizer.ParameterGroups[0].LearningRate;

            var evaluated = WithWeightsForEvaluation(ema, () => Scoring.Score(model, validation, loss));
            var epochRecord = new EpochRecord(epoch, lossSum / order.Length, evaluated.Loss, evaluated.Metrics, learningRate, seconds, order.Length / seconds);
            history.Add(epochRecord);
            schedule.AfterEpoch(epochRecord);
            bool isBest = selector.Offer(epochRecord);
            if (isBest) WithWeightsForEvaluation(ema, () => { Nn.Checkpoints.StateDictFile.Save(run.Model, model); return 0; });
            TrainingCheckpoint.Save(run, model, optimizer, ema, history);
            HistoryFiles.Write(run, history);
            observer.EpochFinished(epochRecord, isBest, recipe.Epochs);
        }
        return new TrainingOutcome(history, selector.BestEpoch, selector.BestValue);
    }

    /// <summary>
    /// recipe.freeze_epochs: while <paramref name="frozen"/> the body's parameters take no gradient (so the optimiser
    /// leaves them, weight decay included) and its batch norms run in evaluation mode, keeping their running statistics.
    /// </summary>
    private void FreezeBody(bool frozen)
    {
        foreach (var (name, parameter) in model.NamedParameters())
            if (!model.IsHeadParameter(name)) parameter.RequiresGrad = !frozen;
        if (!frozen) return;
        foreach (var (name, module) in model.NamedModules())
            if (module is Nn.BatchNorm && !model.IsHeadParameter(name + ".weight")) module.Eval();
    }

    private ulong EpochSeed(int epoch) => seed * 0x9E3779B97F4A7C15UL + (ulong)epoch;

    /// <summary>Runs <paramref name="action"/> with the EMA weights loaded (when EMA is on), then puts the live weights back.</summary>
    private T WithWeightsForEvaluation<T>(WeightEma? ema, Func<T> action)
    {
        if (ema is null) return action();
        var live = model.StateDict().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Clone())).ToList();
        ema.CopyTo(model);
        try { return action(); }
        finally { model.LoadStateDict(live); }
    }
}

/// <summary>What a finished fit reports: the history and the epoch whose weights were kept.</summary>
public sealed record TrainingOutcome(IReadOnlyList<EpochRecord> History, int BestEpoch, double BestValue);
