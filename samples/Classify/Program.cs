// Classifies one audio file with a trained run: dotnet run --project samples/Classify -- runs/demo/run clip.wav
using Hark;

var model = AudioModel.Load(args[0]);
foreach (var (label, probability) in model.Classify(args[1], top: 3))
    Console.WriteLine($"{label,-12} {probability:P1}");
