using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Data;
using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Training.Configuration;
using Hark.Training.Examples;
using Hark.Training.Features;
using Hark.Training.Loop;
using Hark.Training.Runs;

namespace Hark.Training.Inference;

/// <summary>
/// A trained run ready to predict: its model with the kept weights, its class list and the exact front end it was
/// trained with (read back from config.yaml), so prediction and training compute identical features. Test-time
/// augmentation averages probabilities over K evenly spaced crops (audio) and light perturbations (time shift, gain).
/// Safe to share across threads: prediction only reads the model.
/// </summary>
public sealed class Predictor
{
    private Predictor(RunDirectory run, RunConfig config, LabelSpace classes, AudioClassifier model, FrontEndConfig frontEnd)
    {
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
        var classes = LabelSpace.FromNames(File.ReadAllLines(run.Classes).Where(l => l.Length > 0));
        var frontEnd = FrontEndResolver.Resolve(config.FrontEnd);
        var shapes = InputShapes(config, frontEnd);
        var model = ModelFactory.Create(config.Model, shapes, classes.Count, config.Seed);
        StateDictFile.Load(run.Model, model);
        model.Eval();
        return new Predictor(run, config, classes, model, frontEnd);
    }

    private static List<int[]> InputShapes(RunConfig config, FrontEndConfig frontEnd)
    {
        var csvInputs = config.Data.Source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && File.Exists(config.Data.Source)
            ? File.ReadLines(config.Data.Source).First().Split(',').Count(h => h.StartsWith("input_", StringComparison.Ordinal))
            : 0;
        if (csvInputs > 0) return Enumerable.Repeat(new[] { 3, config.ImageSize, config.ImageSize }, csvInputs).ToList();
        var item = new DatasetItem("x", ["x.wav"], [], null, null, "");
        return [new FeatureExtraction(new FrontEnd(frontEnd), config.ImageSize).InputShape(item)];
    }

    /// <summary>Probabilities [examples][classes] for prepared features, averaged over the run's perturbation TTA.</summary>
    public float[][] Predict(FeatureSet examples, int batchSize = 64)
    {
        var sum = Predictions.Probabilities(Model, examples, MultiLabel, batchSize);
        int copies = 1;
        var generator = new Generator(Config.Seed ^ 0x7E57UL);
        for (int k = 0; k < Config.Tta.Perturbations; k++, copies++)
        {
            var perturbed = Perturb(examples, generator);
            var p = Predictions.Probabilities(Model, perturbed, MultiLabel, batchSize);
            for (int i = 0; i < sum.Length; i++) sum[i] += p[i];
        }
        for (int i = 0; i < sum.Length; i++) sum[i] /= copies;
        return Evaluation.MetricSuite.Rows(sum, Classes.Count);
    }

    /// <summary>Probabilities of one audio clip, averaged over the run's TTA crops and perturbations.</summary>
    public float[] PredictWaveform(Waveform waveform)
    {
        var examples = CropsOf(waveform);
        var rows = Predict(examples);
        var mean = new float[Classes.Count];
        foreach (var row in rows) for (int c = 0; c < mean.Length; c++) mean[c] += row[c] / rows.Length;
        return mean;
    }

    /// <summary>The embedding of one audio clip (mean over TTA crops), as the model's head sees it.</summary>
    public float[] EmbedWaveform(Waveform waveform)
    {
        var examples = CropsOf(waveform);
        using var _ = Graph.NoGrad();
        var embedding = Model.Embed(examples.Batch(Enumerable.Range(0, examples.Count).ToArray()));
        int size = embedding.Size(1);
        var mean = new float[size];
        var data = embedding.Span;
        for (int i = 0; i < examples.Count; i++) for (int e = 0; e < size; e++) mean[e] += data[i * size + e] / examples.Count;
        return mean;
    }

    private FeatureSet CropsOf(Waveform waveform)
    {
        var mono = waveform.ToMono();
        int crops = Math.Max(1, Config.Tta.Crops);
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
            var source = examples.Inputs[j];
            var copy = new float[source.Length];
            for (int i = 0; i < examples.Count; i++)
            {
                int shift = (int)Math.Round((generator.NextDouble() * 2 - 1) * Config.Tta.Shift * frames);
                float gain = (float)((generator.NextDouble() * 2 - 1) * Config.Tta.GainDb);
                for (int r = 0; r < rows; r++)
                {
                    int offset = (i * rows + r) * frames;
                    for (int t = 0; t < frames; t++)
                        copy[offset + (t + shift + frames) % frames] = source[offset + t] + gain;
                }
            }
            inputs.Add(copy);
        }
        return new FeatureSet(examples.Ids, examples.InputShapes, inputs, null, null, examples.ClassCount);
    }
}
