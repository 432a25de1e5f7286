namespace Hark.Cuda;

/// <summary>
/// Reads a device option as PyTorch spells devices, plus <c>auto</c>: <c>cpu</c>; <c>cuda</c> or <c>cuda:N</c>, which
/// must exist (else <see cref="CudaUnavailableException"/> names what was not found); <c>auto</c>, CUDA device 0 when it is
/// usable and the CPU otherwise. The choice is logged either way.
/// </summary>
public static class DeviceChoice
{
    public const string Values = "cpu, cuda, cuda:N or auto";

    public static Device Resolve(string text, Action<string> log)
    {
        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            var probe = CudaProbe.Run(0);
            if (!probe.Usable)
            {
                log($"hark: --device auto: {probe.Explanation}; running on the CPU");
                return Device.Cpu;
            }
            log($"hark: --device auto: {probe.Explanation}; running on cuda:0");
            CudaBackend.Register();
            return new Device(CudaBackend.DeviceType);
        }
        Device device;
        try { device = Device.Parse(text); }
        catch (ArgumentException) { throw new ArgumentException($"--device {text}: expected {Values}"); }
        if (device == Device.Cpu)
        {
            log("hark: --device cpu");
            return device;
        }
        if (device.Type != CudaBackend.DeviceType) throw new ArgumentException($"--device {text}: expected {Values}");
        var cuda = CudaProbe.Run(device.Index);
        if (!cuda.Usable) throw new CudaUnavailableException($"--device {text}: {cuda.Explanation}");
        log($"hark: --device {text}: {cuda.Explanation}");
        CudaBackend.Register();
        return device;
    }
}
