namespace Hark.Training.Configuration;

/// <summary><c>recipe.schedule</c>: the learning-rate schedule (YAML: onecycle, cosine, plateau, step, constant).</summary>
public enum ScheduleKind
{
    /// <summary>OneCycleLR, stepped per batch.</summary>
    Onecycle,

    /// <summary>Cosine decay after a linear warm-up, stepped per batch.</summary>
    Cosine,

    /// <summary>ReduceLROnPlateau on the validation loss, stepped per epoch.</summary>
    Plateau,

    /// <summary>StepLR, stepped per epoch.</summary>
    Step,

    /// <summary>The learning rate as set.</summary>
    Constant,
}
