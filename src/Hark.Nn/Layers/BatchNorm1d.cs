namespace Hark.Nn;

/// <summary>torch.nn.BatchNorm1d over input [N, C] or [N, C, L].</summary>
public sealed class BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats)
{
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;
    protected override string ExpectedInput => "input [N, C] or [N, C, L]";
}
