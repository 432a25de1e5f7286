using Hark.Evaluation.Reports;
using System.Globalization;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Tensors;
using Hark.Tensors.Serialization;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>
/// Everything needed to continue a run after the last finished epoch, in one safetensors file written atomically:
/// model weights (<c>model.*</c>), the weight average (<c>ema.*</c>), optimiser state (<c>optimizer.*</c>) and,
/// in the metadata, the history and the EMA's update count. The file it replaces is kept as
/// <c>checkpoint.previous.safetensors</c>, so a kill at any moment, or a newest file torn by the disk, leaves an epoch to
/// resume from.
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string HistoryKey = "history", EmaUpdatesKey = "ema_updates";
    private readonly Dictionary<string, Tensor> tensors;
    private readonly long emaUpdates;

    private TrainingCheckpoint(Dictionary<string, Tensor> tensors, List<EpochRecord> history, long emaUpdates)
    {
        this.tensors = tensors;
        History = history;
        this.emaUpdates = emaUpdates;
    }

    public IReadOnlyList<EpochRecord> History { get; }

    public static void Save(RunDirectory run, AudioClassifier model, Optimizer optimizer, WeightEma? ema, IReadOnlyList<EpochRecord> history)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        entries.AddRange(model.StateDict().Select(kv => KeyValuePair.Create("model." + kv.Key, kv.Value)));
        entries.AddRange(optimizer.StateDict().Select(kv => KeyValuePair.Create("optimizer." + kv.Key, kv.Value)));
        if (ema is not null) entries.AddRange(ema.StateDict().Select(kv => KeyValuePair.Create("ema." + kv.Key, kv.Value)));
        var metadata = new Dictionary<string, string>
        {
            [HistoryKey] = HistoryFiles.Serialize(history),
            [EmaUpdatesKey] = (ema?.Updates ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        if (File.Exists(run.Checkpoint)) File.Move(run.Checkpoint, run.PreviousCheckpoint, overwrite: true);
        SafeTensors.Save(run.Checkpoint, entries, metadata);
    }

    /// <summary>
    /// The newest readable checkpoint of <paramref name="run"/>: the latest one, or, when it is missing or unreadable
    /// (said through <paramref name="report"/>), the one before it. Null when the run has none.
    /// </summary>
    public static TrainingCheckpoint? TryLoad(RunDirectory run, Action<string> report)
    {
        var errors = new List<string>();
        foreach (var path in new[] { run.Checkpoint, run.PreviousCheckpoint }.Where(File.Exists))
        {
            try
            {
                var checkpoint = Load(path);
                if (errors.Count > 0) report($"{errors[0]}; resuming from the previous checkpoint {path} (epoch {checkpoint.History.Count})");
                return checkpoint;
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
            {
                errors.Add(e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}");
            }
        }
        if (errors.Count > 0) throw new InvalidDataException($"no readable checkpoint in {run.Path}: {string.Join("; ", errors)}");
        return null;
    }

    private static TrainingCheckpoint Load(string path)
    {
        var tensors = SafeTensors.Read(File.ReadAllBytes(path), out var metadata);
        if (!metadata.TryGetValue(HistoryKey, out var history) || !metadata.TryGetValue(EmaUpdatesKey, out var updates))
            throw new FormatException($"{path}: not a Hark training checkpoint (metadata lacks '{HistoryKey}' or '{EmaUpdatesKey}')");
        return new TrainingCheckpoint(tensors, HistoryFiles.Deserialize(history), long.Parse(updates, CultureInfo.InvariantCulture));
    }

    public void Restore(AudioClassifier model, Optimizer optimizer, WeightEma? ema)
    {
        model.LoadStateDict(Section("model."));
        // The checkpoint keeps hyper-parameters as float32; the rebuilt optimiser's double-precision values (from the
        // configuration, then moved by the replayed schedule) are the ones an uninterrupted run uses, so they are kept.
        var hyperParameters = optimizer.ParameterGroups.Select(g => (g.LearningRate, g.WeightDecay, g.Momentum, g.Beta1, g.Beta2, g.InitialLearningRate)).ToList();
        optimizer.LoadStateDict(Section("optimizer."));
        for (int i = 0; i < hyperParameters.Count; i++)
        {
            var group = optimizer.ParameterGroups[i];
            (group.LearningRate, group.WeightDecay, group.Momentum, group.Beta1, group.Beta2, group.InitialLearningRate) = hyperParameters[i];
        }
        if (ema is not null) ema.Load(Section("ema."), emaUpdates);
    }

    private List<KeyValuePair<string, Tensor>> Section(string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(kv => KeyValuePair.Create(kv.Key[prefix.Length..], kv.Value)).ToList();
}
