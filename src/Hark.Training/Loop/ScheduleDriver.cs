using Hark.Data;
using Hark.Evaluation.Reports;
using Hark.Nn.Optim;
using Hark.Nn.Schedules;
using Hark.Training.Configuration;
using Hark.Training.Runs;

namespace Hark.Training.Loop;

/// <summary>
/// Steps the recipe's learning-rate schedule at the right moments: per batch for onecycle and cosine, per epoch for
/// step, on the validation loss for plateau. <see cref="Replay"/> rebuilds its state from a saved history on resume.
/// </summary>
public sealed class ScheduleDriver
{
    private readonly int batchesPerEpoch;
    private readonly LrScheduler? perStep;
    private readonly LrScheduler? perEpoch;
    private readonly ReduceLROnPlateau? plateau;

    public ScheduleDriver(RecipeConfig recipe, Optimizer optimizer, int batchesPerEpoch)
    {
        this.batchesPerEpoch = batchesPerEpoch;
        int totalSteps = Math.Max(1, recipe.Epochs * batchesPerEpoch);
        switch (recipe.Schedule)
        {
            case ScheduleKind.Onecycle:
                perStep = new OneCycleLR(optimizer,
                    optimizer.ParameterGroups.Select(g => g.LearningRate / recipe.Lr * recipe.MaxLr).ToArray(),
                    totalSteps: totalSteps, pctStart: recipe.PctStart, divFactor: recipe.DivFactor, finalDivFactor: recipe.FinalDivFactor);
                break;
            case ScheduleKind.Cosine:
                perStep = new CosineWarmupLR(optimizer, (int)Math.Round(recipe.WarmupEpochs * batchesPerEpoch), totalSteps);
                break;
            case ScheduleKind.Step:
                perEpoch = new StepLR(optimizer, recipe.StepSize, recipe.Gamma);
                break;
            case ScheduleKind.Plateau:
                plateau = new ReduceLROnPlateau(optimizer, PlateauMode.Min, recipe.PlateauFactor, recipe.PlateauPatience);
                break;
            case ScheduleKind.Constant:
                break;
            default:
                throw new ConfigException($"recipe.schedule={recipe.Schedule}: expected onecycle, cosine, step, plateau or constant");
        }
    }

    public void AfterBatch() => perStep?.Step();

    public void AfterEpoch(EpochRecord record)
    {
        perEpoch?.Step();
        if (plateau is not null && double.IsFinite(record.ValidationLoss)) plateau.Step(record.ValidationLoss);
    }

    /// <summary>Advances the schedule through an epoch that already ran (resume), without touching the weights.</summary>
    public void Replay(EpochRecord record)
    {
        if (perStep is not null)
            for (int b = 0; b < batchesPerEpoch; b++) perStep.Step();
        AfterEpoch(record);
    }
}
