using Hark.Bench.Gpu;
using Hark.Cuda;
using Hark.Models;

// Hark.Bench.Gpu throughput DEVICE         seed-000 network at batch 32 and 256 (3x96x96), CNN14 on 10 s clips at batch 32: samples/s
// Hark.Bench.Gpu parity DIR DEVICE         logits and one training step of seed-000 and CNN14 on DEVICE against the CPU backend,
//                                          and the seed-000 state, batch and results written to DIR for bench/gpu_torch.py parity
if (args.Length < 2 || args[0] is not ("throughput" or "parity"))
{
    Console.Error.WriteLine("usage: Hark.Bench.Gpu throughput DEVICE | parity DIR DEVICE   (DEVICE: cpu, cuda, cuda:N or auto)");
    return 2;
}
var device = DeviceChoice.Resolve(args[^1], Console.WriteLine);
ComputeDevice.Use(device);
if (args[0] == "throughput") Throughput.Run(device);
else Parity.Run(args[1], device);
return 0;
