namespace Hark.Evaluation.Metrics;

/// <summary>Precision, recall, F-score and support for each class in <see cref="Labels"/> (in that order).</summary>
public sealed record ClassScores(int[] Labels, double[] Precision, double[] Recall, double[] FScore, long[] Support);

/// <summary>One averaged precision, recall and F-score.</summary>
public sealed record AveragedScores(double Precision, double Recall, double FScore);
