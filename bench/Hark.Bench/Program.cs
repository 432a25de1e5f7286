using Hark.Bench;

// bench layers [reps]               per-layer forward/backward timings of the seed-000 shapes (compare bench/torch_layers.py)
// bench gemm                       managed vs OpenBLAS GFLOP/s on the per-sample conv products
// bench gemm-summary               the GEMM the CPU backend chose (and why) with both kernels' GFLOP/s, in one line
// bench keras [steps]              FSDD network (keras-cnn) training steps/s at batch 32 on 1x64x101
// bench checkpoint FILE [repeats]   seconds to read a torch/safetensors checkpoint, and to load it into a PANNs Cnn14
// bench cnn14 [steps]             PANNs CNN14 training/inference samples/s at batch 8 on 10 s clips (compare bench/torch_cnn14.py)
// bench backbones [steps]         efficientnet-v2-s and resnet50 training/inference samples/s at batch 16 on 3x224x224, depthwise share (compare bench/torch_backbones.py)
// bench seed [size] [memory steps]  seed-000 training/inference samples/s at batch 32 (compare ../shared/bench/peer_torch_cnn.py)
// bench seed-infer [size] [batches] only seed-000's inference samples/s (default 30 batches), e.g. under HARK_PROFILE_KERNELS=1
string mode = args.Length > 0 ? args[0] : "seed";
switch (mode)
{
    case "layers":
        LayerBench.Run(batch: 32, repetitions: args.Length > 1 ? int.Parse(args[1]) : 5);
        return 0;
    case "gemm":
        GemmBench.Run();
        return 0;
    case "gemm-summary":
        GemmBench.Summary((Hark.Tensors.Backends.Cpu.CpuBackend)Hark.Tensors.Backends.BackendRegistry.Cpu);
        return 0;
    case "keras":
        KerasBench.Run(steps: args.Length > 1 ? int.Parse(args[1]) : 20);
        return 0;
    case "cnn14":
        Cnn14Bench.Run(steps: args.Length > 1 ? int.Parse(args[1]) : 2);
        return 0;
    case "backbones":
        BackboneBench.Run(steps: args.Length > 1 ? int.Parse(args[1]) : 2);
        return 0;
    case "seed":
        SeedBench.Run(size: args.Length > 1 ? int.Parse(args[1]) : 96, memorySteps: args.Length > 2 ? int.Parse(args[2]) : 500);
        return 0;
    case "seed-infer":
        SeedBench.RunInference(size: args.Length > 1 ? int.Parse(args[1]) : 96, batches: args.Length > 2 ? int.Parse(args[2]) : 30);
        return 0;
    case "checkpoint":
        CheckpointBench.Run(args[1], repeats: args.Length > 2 ? int.Parse(args[2]) : 3);
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; expected: layers, gemm, gemm-summary, keras, cnn14, backbones, checkpoint, seed or seed-infer");
        return 2;
}
