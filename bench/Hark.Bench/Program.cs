using Hark.Bench;

// bench layers [reps]      per-layer forward/backward timings of the seed-000 shapes
string mode = args.Length > 0 ? args[0] : "layers";
switch (mode)
{
    case "layers":
        LayerBench.Run(batch: 32, repetitions: args.Length > 1 ? int.Parse(args[1]) : 5);
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; expected: layers");
        return 2;
}
