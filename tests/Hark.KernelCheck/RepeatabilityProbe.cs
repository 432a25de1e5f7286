using System.Security.Cryptography;
using Hark.Tensors;
using Hark.Tensors.Backends;

namespace Hark.KernelCheck;

/// <summary>
/// The kernels whose work is split over cores and merged (convolution weight and bias gradients, column-blocked GEMM,
/// batch-norm statistics) on inputs large enough to use every worker; the SHA-256 of all their results' bits. Two runs
/// with the same thread count must print the same hash.
/// </summary>
public static class RepeatabilityProbe
{
    public static string Hash(IBackend backend)
    {
        var random = new Generator(7);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(Tensor t) => sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.ToArray().AsSpan()));
        Tensor Random(params int[] shape)
        {
            var values = new float[shape.Aggregate(1, (p, d) => p * d)];
            for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextGaussian();
            return Tensor.FromArray(values, shape);
        }

        var g = new Conv2dGeometry(13, 16, 24, 24, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        var x = Random(g.Batch, g.InChannels, g.InHeight, g.InWidth);
        var w = Random(g.OutChannels, g.InChannels, 3, 3);
        var dy = Random(g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
        var dx = Tensor.Zeros(x.Shape);
        var dw = Random(w.Shape.ToArray());
        var db = Random(g.OutChannels);
        backend.Conv2dBackward(x, w, dy, dx, accumulateInput: false, dw, db, g);
        Add(dx); Add(dw); Add(db);

        var a = Random(96, 700);
        var b = Random(700, 900);
        var c = Tensor.Zeros(96, 900);
        backend.Gemm(new GemmDescriptor(false, false, 96, 900, 700), a, b, c);
        Add(c);

        var bnInput = Random(13, 32, 24, 24);
        var bnOutput = Tensor.Empty(bnInput.Shape);
        Tensor mean = Tensor.Empty([32]), invStd = Tensor.Empty([32]), weight = Random(32), bias = Random(32);
        backend.BatchNormForwardTraining(bnInput, weight, bias, bnOutput, mean, invStd, null, null, 0.1f, 1e-5f, 0.01f);
        var bnDx = Tensor.Zeros(bnInput.Shape);
        Tensor dGamma = Tensor.Zeros(32), dBeta = Tensor.Zeros(32);
        backend.BatchNormBackward(bnInput, weight, bias, mean, invStd, dy, bnDx, false, dGamma, dBeta, true, 0.01f);
        Add(bnOutput); Add(bnDx); Add(dGamma); Add(dBeta);
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
