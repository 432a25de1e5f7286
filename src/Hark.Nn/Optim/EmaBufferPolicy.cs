namespace Hark.Nn.Optim;

/// <summary>What <see cref="WeightEma"/> does with buffers (BatchNorm running statistics, counters).</summary>
public enum EmaBufferPolicy
{
    /// <summary>The average model takes the live model's buffers as they are at each update (torch.optim.swa_utils style).</summary>
    Copy,

    /// <summary>Floating buffers are averaged with the same decay as parameters (timm's ModelEmaV2); num_batches_tracked is copied.</summary>
    Average,
}
