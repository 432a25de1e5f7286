namespace Hark.Evaluation.Reports;

/// <summary>
/// A test example the model got wrong, for report.html's "most confident mistakes": its id, true and predicted class,
/// the predicted class's probability, the audio file (embedded as a player when it can be read) and its input features
/// [mels, frames] (shown as a spectrogram; null for image inputs).
/// </summary>
public sealed record ReportMistake(string Id, string TrueClass, string PredictedClass, double Confidence, string? AudioPath,
    float[]? Spectrogram = null, int Mels = 0, int Frames = 0);
