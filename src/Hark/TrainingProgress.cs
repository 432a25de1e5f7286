using Hark.Evaluation.Reports;

namespace Hark;

/// <summary>
/// One report of <see cref="AudioTrainer"/>: a finished batch (<see cref="Batch"/> of <see cref="Batches"/>, with its
/// loss), a finished epoch (<see cref="FinishedEpoch"/> holds its losses and validation metrics), or a
/// <see cref="Message"/> about the data, features or model.
/// </summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, EpochRecord? FinishedEpoch, string? Message);
