using Hark.Audio;
using Hark.Inference;

namespace Hark;

/// <summary>
/// A trained Hark run, ready to classify and embed audio files: the common jobs in one call each.
/// <code>
/// var model = AudioModel.Load("runs/x");
/// foreach (var (label, probability) in model.Classify("clip.wav", top: 3)) Console.WriteLine($"{label} {probability:P1}");
/// </code>
/// Everything is read from the run directory (front end, classes, weights, test-time augmentation), so results equal
/// <c>hark predict</c>'s. Safe to share across threads.
/// </summary>
public sealed class AudioModel
{
    private readonly Predictor predictor;

    private AudioModel(Predictor predictor) => this.predictor = predictor;

    /// <summary>Loads the run in <paramref name="runDirectory"/> (written by <c>hark train</c> or <see cref="AudioTrainer"/>).</summary>
    public static AudioModel Load(string runDirectory) => new(Predictor.Load(runDirectory));

    /// <summary>The class names, in the order of <see cref="Probabilities"/>.</summary>
    public IReadOnlyList<string> Classes => predictor.Classes.Names;

    /// <summary>True when a clip may carry several classes (independent sigmoid probabilities), false for softmax.</summary>
    public bool MultiLabel => predictor.MultiLabel;

    /// <summary>The length of <see cref="Embed"/>'s vectors.</summary>
    public int EmbeddingSize => predictor.Model.EmbeddingSize;

    /// <summary>The <paramref name="top"/> most probable classes of an audio file (WAV, FLAC, OGG, MP3), most probable first.</summary>
    public IReadOnlyList<ClassScore> Classify(string audioFile, int top = 5) =>
        ClassScore.Top(Probabilities(audioFile), Classes, Math.Min(top, Classes.Count));

    /// <summary>One probability per class of <see cref="Classes"/> for an audio file.</summary>
    public float[] Probabilities(string audioFile) => predictor.PredictWaveform(AudioFile.Read(audioFile));

    /// <summary>The embedding of an audio file (what the classifier head sees), for similarity search.</summary>
    public float[] Embed(string audioFile) => predictor.EmbedWaveform(AudioFile.Read(audioFile));
}
