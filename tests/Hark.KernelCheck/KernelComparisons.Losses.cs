using Hark.Tensors.Backends.Cpu.Reference;

namespace Hark.KernelCheck;

public sealed partial class KernelComparisons
{
    /// <summary>Class-index cross entropy forward and backward, with and without class weights and label smoothing.</summary>
    public void Losses()
    {
        foreach (var (batch, classes) in new[] { (1, 1), (3, 5), (17, 10), (64, 527) })
            foreach (bool weighted in new[] { false, true })
                foreach (float smoothing in new[] { 0f, 0.1f })
                {
                    var logits = Random(batch * classes);
                    var logProbabilities = new double[logits.Length];
                    ReferenceSoftmax.Softmax<double>(ToDouble(logits), logProbabilities, batch, classes, 1, log: true);
                    var logProbabilitiesFloat = Array.ConvertAll(logProbabilities, v => (float)v);
                    var targets = Enumerable.Range(0, batch).Select(_ => random.NextInt(classes)).ToArray();
                    var weight = weighted ? Random(classes).Select(v => 0.5f + MathF.Abs(v)).ToArray() : [];
                    var expected = new double[batch];
                    ReferenceLosses.ClassIndexCrossEntropy<double>(ToDouble(logProbabilitiesFloat), targets, ToDouble(weight), smoothing, expected);
                    var loss = Zeros(batch);
                    backend.ClassIndexCrossEntropy(Upload(logProbabilitiesFloat, [batch, classes]), targets, weighted ? Upload(weight) : null, smoothing, loss);
                    string name = $"cross entropy {batch}x{classes} weighted {weighted} smoothing {smoothing}";
                    Compare(name, loss.ToArray(), expected, 1e-5, 1e-5);

                    var dLoss = Random(batch);
                    var dStart = Random(logits.Length);
                    var expectedD = ToDouble(dStart);
                    ReferenceLosses.ClassIndexCrossEntropyBackward<double>(ToDouble(dLoss), targets, ToDouble(weight), smoothing, expectedD);
                    var dLogProbabilities = Upload(dStart, [batch, classes]);
                    backend.ClassIndexCrossEntropyBackward(Upload(dLoss), targets, weighted ? Upload(weight) : null, smoothing, dLogProbabilities);
                    Compare(name + " backward", dLogProbabilities.ToArray(), expectedD, 1e-6, 1e-5);
                }
    }
}
