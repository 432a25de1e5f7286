namespace Hark.Nn;

/// <summary>torch.nn.BatchNorm2d over input [N, C, H, W].</summary>
public sealed class BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats)
{
    protected override bool AcceptsRank(int rank) => rank == 4;
    protected override string ExpectedInput => "input [N, C, H, W]";
}
