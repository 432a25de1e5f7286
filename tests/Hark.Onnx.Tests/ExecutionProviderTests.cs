using Hark.Data;
using Hark.Onnx.Runtime;
using Hark.Tensors;

namespace Hark.Onnx.Tests;

/// <summary>
/// The execution provider follows the device (every other test runs on the CPU provider): the CPU package this project
/// references has no CUDA provider, so <c>cuda:N</c> is refused naming the GPU package instead of running on the CPU unannounced.
/// </summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public void CudaWithoutTheGpuPackageIsRefusedNamingIt()
    {
        var error = Assert.Throws<ConfigException>(() => OnnxRuntimeEngine.ExecutionProvider(new Device("cuda", 1)));
        Assert.Contains("cuda:1", error.Message);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", error.Message);
    }
}
