namespace Hark.Tensors.Backends;

/// <summary>
/// Fused kernels run as the backend's own simpler kernels, for a backend (or a case of one) without a fused path: the
/// result is the same, only the intermediate tensor is stored and read again.
/// </summary>
public static class ComposedKernels
{
    /// <summary>
    /// <see cref="IBackend.Conv2dActivationMaxPoolForward"/> as <see cref="IBackend.Conv2dForward"/> with the activation
    /// into a scratch tensor [N, Cout, OH, OW] on the output's device, then <see cref="IBackend.MaxPool2dForward"/> with
    /// 2x2 windows, stride 2; the scratch storage is released at once.
    /// </summary>
    public static void Conv2dActivationMaxPoolForward(IBackend backend, Tensor input, Tensor weight, Tensor? bias, Tensor output,
        in Conv2dGeometry geometry, float activationSlope)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var activated = Tensor.Empty([geometry.Batch, geometry.OutChannels, geometry.OutHeight, geometry.OutWidth], output.Device);
        backend.Conv2dForward(input, weight, bias, activated, geometry, activationSlope);
        backend.MaxPool2dForward(activated, output, PoolWindows.Fixed(geometry.OutHeight, geometry.OutWidth, (2, 2), (2, 2), (0, 0)));
        activated.ReleaseStorage();
    }
}
