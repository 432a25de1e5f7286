using Hark.Features.Augmentation;
using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Models;
using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Training.Configuration;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Inference;

/// <summary>
/// A trained run ready to predict: its model with the kept weights, its class list and the exact front end it was
/// trained with (read back from config.yaml), so prediction and training compute identical features. A clip longer than
/// the clip length is scored over windows that cover it (tta.crops=0) or K evenly spaced crops, and test-time
/// augmentation adds light perturbations (time shift, gain); probabilities are averaged.
/// Safe to share across threads: prediction only reads the model.
/// </summary>
public sealed class Predictor
{
    private Predictor(RunDirectory run, RunConfig config, LabelSpace classes, AudioClassifier model, FrontEndConfig frontEnd)
    {
        model.To(ComputeDevice.Current);
        Run = run;
        Config = config;
        Classes = classes;
        Model = model;
        FrontEndConfig = frontEnd;
        FrontEnd = new FrontEnd(frontEnd);
    }

    public RunDirectory Run { get; }
    public RunConfig Config { get; }
    public LabelSpace Classes { get; }
    public AudioClassifier Model { get; }
    public FrontEndConfig FrontEndConfig { get; }
    public FrontEnd FrontEnd { get; }
    public bool MultiLabel => Config.MultiLabel;

    public static Predictor Load(string runDirectory)
    {
        var run = new RunDirectory(runDirectory);
        run.RequireConfig();
        if (!File.Exists(run.Model)) throw new FileNotFoundException($"{run.Path}: no trained weights ({run.Model} is missing; has training finished an epoch?)", run.Model);
        var config = ConfigYaml.Deserialize<RunConfig>(File.ReadAllText(run.Config), run.Config);
        var classes = LabelSpace.FromNames(RunClasses.Read(run));
        var frontEnd = FrontEndResolver.Resolve(config.FrontEnd);
        var shapes = config.InputShapes
            ?? throw new ConfigException($"{run.Config} has no input_shapes (the run was written by a Hark older than the layout of issue 17); train it again");
        var model = ModelFactory.Create(config.Model, shapes, classes.Count, config.Seed);
        try { StateDictFile.Load(run.Model, model); }
        catch (StateDictException e)
        {
            string classesFile = File.Exists(run.Classes) ? run.Classes : run.LegacyClasses;
            throw new InvalidDataException($"{run.Model} does not fit this run's configuration and its {classes.Count} classes in {classesFile} "
                + $"({e.Message}); if the classes file was edited, it must list exactly the classes the run was trained with");
        }
        model.Eval();
        return new Predictor(run, config, classes, model, frontEnd);
    }

    /// <summary>
    /// A predictor for a model that has no run directory, such as a pretrained network loaded from its checkpoint:
    /// <paramref name="source"/> (the checkpoint) stands where a run's folder would, no TTA, and probabilities are
    /// sigmoids when <paramref name="multiLabel"/> (AudioSet tagging), softmax otherwise.
    /// </summary>
    public static Predictor ForModel(string source, AudioClassifier model, FrontEndConfig frontEnd, LabelSpace classes, bool multiLabel)
    {
        model.Eval();
        var config = new RunConfig { MultiLabel = multiLabel, FrontEnd = FrontEndResolver.ToSection(frontEnd) };
        return new Predictor(new RunDirectory(source), config, classes, model, frontEnd);
    }

    /// <summary>This run with <paramref name="model"/> in place of its model (another engine's, see <see cref="InferenceEngines"/>).</summary>
    public Predictor WithModel(AudioClassifier model)
    {
        model.Eval();
        return new Predictor(Run, Config, Classes, model, FrontEndConfig);
    }

    /// <summary>
    /// Probabilities [examples][classes] for prepared features, averaged over the run's perturbation TTA. Each example
    /// is perturbed like a clip of its own, so its probabilities do not depend on the other examples or their order.
    /// </summary>
    public float[][] Predict(FeatureSet examples, int batchSize = 64) =>
        PredictClips(Enumerable.Range(0, examples.Count).Select(i => examples.Subset([i])).ToList(), batchSize);

    /// <summary>Probabilities of one audio clip, averaged over the run's TTA crops and perturbations.</summary>
    public float[] PredictWaveform(Waveform waveform) => PredictClips([ClipFeatures(waveform)])[0];

    /// <summary>The embedding of one audio clip (mean over TTA crops), as the model's head sees it.</summary>
    public float[] EmbedWaveform(Waveform waveform) => EmbedClips([ClipFeatures(waveform)])[0];

    /// <summary>
    /// The model inputs of one clip: one example per TTA crop, [1, n_mels, frames] each. Computing them is the costly
    /// part of a request that needs no model, so a server prepares them per request and batches only the forward pass.
    /// </summary>
    public FeatureSet ClipFeatures(Waveform waveform)
    {
        ArgumentNullException.ThrowIfNull(waveform);
        return CropsOf(waveform);
    }

    /// <summary>
    /// Probabilities [clips][classes] of several clips prepared by <see cref="ClipFeatures"/>, run through the model
    /// in shared batches. Each clip's perturbations are drawn from its own generator, so a clip gets the same
    /// probabilities whichever clips share its batch (equal to <see cref="PredictWaveform"/> of that clip alone).
    /// Reads the model only: safe to call from several threads at once.
    /// </summary>
    public float[][] PredictClips(IReadOnlyList<FeatureSet> clips, int batchSize = 64)
    {
        var copies = new List<FeatureSet>(clips.Count * (1 + Config.Tta.Perturbations));
        foreach (var clip in clips)
        {
            copies.Add(clip);
            var generator = new Generator(Config.Seed ^ 0x7E57UL);
            for (int k = 0; k < Config.Tta.Perturbations; k++) copies.Add(Perturb(clip, generator));
        }
        var rows = ForwardAll(copies, batchSize, embed: false);
        int stride = 1 + Config.Tta.Perturbations;
        var result = new float[clips.Count][];
        for (int c = 0; c < clips.Count; c++)
        {
            var mean = new float[Classes.Count];
            int count = 0;
            for (int k = 0; k < stride; k++)
                foreach (var row in rows[c * stride + k]) { for (int j = 0; j < mean.Length; j++) mean[j] += row[j]; count++; }
            for (int j = 0; j < mean.Length; j++) mean[j] /= count;
            result[c] = mean;
        }
        return result;
    }

    /// <summary>Embeddings [clips][EmbeddingSize] (mean over each clip's TTA crops) of clips prepared by <see cref="ClipFeatures"/>, in shared batches.</summary>
    public float[][] EmbedClips(IReadOnlyList<FeatureSet> clips, int batchSize = 64)
    {
        var rows = ForwardAll(clips, batchSize, embed: true);
        return rows.Select(crops =>
        {
            var mean = new float[crops[0].Length];
            foreach (var row in crops) for (int e = 0; e < mean.Length; e++) mean[e] += row[e];
            for (int e = 0; e < mean.Length; e++) mean[e] /= crops.Length;
            return mean;
        }).ToArray();
    }

    /// <summary>Probabilities (or embeddings) of every example of every set, one row per example, in the sets' order.</summary>
    private float[][][] ForwardAll(IReadOnlyList<FeatureSet> sets, int batchSize, bool embed) =>
        EvaluationPass.Rows(Model, sets, batchSize, embed ? Model.Embed : batch => EvaluationPass.Probabilities(Model.Forward(batch), MultiLabel));

    private FeatureSet CropsOf(Waveform waveform)
    {
        var mono = waveform.ToMono();
        int crops = Config.Tta.Crops == TtaConfig.Cover ? FrontEnd.CoveringCrops(mono.Samples.Length, mono.SampleRate, TtaConfig.MaxCoverCrops) : Config.Tta.Crops;
        Tensor features = crops > 1 && FrontEndConfig.Length is not null
            ? FrontEnd.ApplyEvenCrops(mono.Samples, mono.SampleRate, crops)
            : FrontEnd.Apply(mono.Samples, mono.SampleRate);
        int count = features.Rank == 3 ? features.Size(0) : 1;
        int[] shape = [1, FrontEndConfig.NMels, features.Size(-1)];
        return new FeatureSet(Enumerable.Range(0, count).Select(i => i.ToString()).ToList(), [shape], [features.ToArray()], null, null, Classes.Count);
    }

    private FeatureSet Perturb(FeatureSet examples, Generator generator)
    {
        var inputs = new List<float[]>();
        for (int j = 0; j < examples.Inputs.Count; j++)
        {
            var shape = examples.InputShapes[j];
            int frames = shape[^1], rows = examples.SampleSize(j) / frames;
            var copy = examples.Inputs[j].ToArray();
            for (int i = 0; i < examples.Count; i++)
            {
                int shift = (int)Math.Round((generator.NextDouble() * 2 - 1) * Config.Tta.Shift * frames);
                float gain = (float)((generator.NextDouble() * 2 - 1) * Config.Tta.GainDb);
                // the training augmentations' own roll and level offset, with TTA's light amounts
                for (int r = 0; r < rows; r++)
                {
                    var row = copy.AsSpan((i * rows + r) * frames, frames);
                    TimeShift.Roll(row, shift);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, gain, row);
                }
            }
            inputs.Add(copy);
        }
        return new FeatureSet(examples.Ids, examples.InputShapes, inputs, null, null, examples.ClassCount);
    }
}
