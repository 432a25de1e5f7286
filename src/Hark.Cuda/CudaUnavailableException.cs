namespace Hark.Cuda;

/// <summary>No usable CUDA device: the message names what was not found (the driver library, the runtime libraries, a device).</summary>
public sealed class CudaUnavailableException(string message) : Exception(message);
