using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Nn.Optim;
using Hark.Nn.Schedules;
using Hark.Tensors;
using Hark.Tensors.Serialization;
using Xunit.Abstractions;

namespace Hark.Models.Tests;

public class SeedCnnTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void HasExactlyTheSeedParameterCountAndThePeerStateDictKeysInOrder()
    {
        var model = new SeedCnn(new Generator(0));
        Assert.Equal(SeedCnn.SeedParameterCount, model.ParameterCount());
        Assert.Equal(278_912, model.ParameterCount());
        var peer = SafeTensors.Load(Fixture("seed_cnn_initial.safetensors"));
        Assert.Equal(peer.Keys, model.StateDict().Keys);
        Assert.Equal("b.0.f.0.0.weight", model.StateDict().GetAt(0).Key);
        foreach (var (key, value) in model.StateDict()) Assert.Equal(peer[key].Shape, value.Shape);
    }

    [Fact]
    public void BranchesAndClassesAreConfigurable()
    {
        var model = new SeedCnn(new Generator(0), new SeedCnnOptions { Branches = 2, Classes = 10 });
        const long branch = (16 * 27 + 16 + 32) + (32 * 144 + 32 + 64) + (48 * 288 + 48 + 96) + (64 * 432 + 64 + 128) + (64 * 576 + 64 + 128);
        Assert.Equal(2 * branch + (128 * 128 + 128) + (128 * 10 + 10), model.ParameterCount());
        Assert.Equal(new[] { 4, 10 }, model.Forward(Tensor.Zeros(4, 3, 32, 32), Tensor.Zeros(4, 3, 32, 32)).Shape);

        Assert.Throws<ArgumentException>(() => new SeedCnn(new Generator(0)).Forward(Tensor.Zeros(1, 3, 32, 32)));
    }

    /// <summary>Must-show 2: ten AdamW + OneCycleLR steps with label smoothing and clipping, from torch's initial weights and batches.</summary>
    [Fact]
    public void TenTrainingStepsReproduceTorchLossesAndParameters()
    {
        var model = new SeedCnn(new Generator(0), new SeedCnnOptions().WithoutDropout());
        model.LoadStateDict(SafeTensors.Load(Fixture("seed_cnn_initial.safetensors")));
        // A conv bias that feeds BatchNorm has a gradient that is exactly zero in exact arithmetic (the normalisation
        // subtracts it again), so its float32 gradient is rounding noise whose sign Adam turns into steps of ~lr,
        // different in every implementation. The fixture script freezes those 15 tensors too; everything else trains.
        foreach (var (name, parameter) in model.NamedParameters())
            if (name.StartsWith("b.", StringComparison.Ordinal) && name.EndsWith(".0.bias", StringComparison.Ordinal)) parameter.RequiresGrad = false;
        var expected = SafeTensors.Load(Fixture("seed_cnn_parity.safetensors"));
        var optimizer = new AdamW(model.Parameters(), lr: 3e-3, weightDecay: 1e-4);
        var schedule = new OneCycleLR(optimizer, maxLr: 3e-3, totalSteps: SeedCnnFixtureBatches.Steps, pctStart: 0.3, divFactor: 25, finalDivFactor: 4);
        var criterion = new CrossEntropyLoss(labelSmoothing: 0.1);
        model.Train();

        double worstLoss = 0;
        int dataSeed = (int)expected["data_seed"].Item();
        var torchLosses = expected["losses"].ToArray();
        var torchRates = expected["learning_rates"].ToArray();
        for (int step = 0; step < SeedCnnFixtureBatches.Steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = criterion.Forward(model.Forward(SeedCnnFixtureBatches.TrainingInputs(dataSeed, step)), SeedCnnFixtureBatches.TrainingLabels(dataSeed, step));
            loss.Backward();
            double norm = GradientClipping.ClipGradNorm(model.Parameters(), 1.0);
            Assert.Equal(torchRates[step], optimizer.ParameterGroups[0].LearningRate, 1e-9);
            optimizer.Step();
            schedule.Step();
            double relative = Math.Abs(loss.Item() - torchLosses[step]) / Math.Abs(torchLosses[step]);
            worstLoss = Math.Max(worstLoss, relative);
            output.WriteLine($"step {step}: loss {loss.Item():F6} torch {torchLosses[step]:F6} relative error {relative:E2}; grad norm {norm:F6} torch {expected["grad_norms"].ToArray()[step]:F6}");
        }

        var trained = PyTorchCheckpoint.LoadStateDict(Fixture("seed_cnn_trained.pth"));
        double worstParameter = 0;
        string worstKey = "";
        foreach (var (key, value) in model.StateDict())
        {
            var a = value.ToArray();
            var b = trained[key].ToArray();
            for (int i = 0; i < a.Length; i++)
                if (Math.Abs(a[i] - b[i]) > worstParameter) (worstParameter, worstKey) = (Math.Abs(a[i] - b[i]), key);
        }
        output.WriteLine($"max relative loss error {worstLoss:E3}; max parameter/buffer abs error {worstParameter:E3} ({worstKey})");
        Assert.True(worstLoss < 1e-3, $"loss sequence differs from torch by {worstLoss:E3} relative");
        Assert.True(worstParameter < 1e-4, $"state after 10 steps differs from torch by {worstParameter:E3} at {worstKey}");
    }

    /// <summary>Must-show 3: torch's saved .pth loads and gives torch's evaluation-mode logits.</summary>
    [Fact]
    public void ATorchSavedPthLoadsAndReproducesTorchLogits()
    {
        var model = new SeedCnn(new Generator(1));
        StateDictFile.Load(Fixture("seed_cnn_trained.pth"), model);
        model.Eval();
        Tensor logits;
        using (Hark.Tensors.Autograd.Graph.NoGrad()) logits = model.Forward(SeedCnnFixtureBatches.LogitInputs());
        var expected = SafeTensors.Load(Fixture("seed_cnn_parity.safetensors"))["logits"];
        Assert.Equal(expected.Shape, logits.Shape);
        double worst = expected.ToArray().Zip(logits.ToArray(), (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max abs logit error {worst:E3}");
        Assert.True(worst < 1e-5, $"logits differ from torch by {worst:E3}");
    }

    /// <summary>
    /// Evaluation without a graph folds each batch norm into its convolution (Hark.Nn.ConvBatchNormActivation); with a graph
    /// the layers run one by one. Trained weights and statistics, so the fold's scales are far from 1.
    /// </summary>
    [Fact]
    public void EvaluationWithoutAGraphGivesTheLogitsOfTheLayersOneByOne()
    {
        var model = new SeedCnn(new Generator(1));
        StateDictFile.Load(Fixture("seed_cnn_trained.pth"), model);
        model.Eval();
        var inputs = SeedCnnFixtureBatches.LogitInputs();
        var layered = model.Forward(inputs).ToArray();
        float[] folded;
        using (Hark.Tensors.Autograd.Graph.NoGrad()) folded = model.Forward(inputs).ToArray();
        for (int i = 0; i < layered.Length; i++)
            Assert.True(Math.Abs(layered[i] - folded[i]) <= 1e-5 + 1e-5 * Math.Abs(layered[i]), $"logit {i}: {layered[i]} (layers) vs {folded[i]} (folded)");
    }

    [Fact]
    public void SafetensorsRoundTripIsBitExact()
    {
        var model = new SeedCnn(new Generator(2));
        StateDictFile.Load(Fixture("seed_cnn_trained.pth"), model);
        var path = Path.Combine(Path.GetTempPath(), $"hark-seed-cnn-{Environment.ProcessId}.safetensors");
        try
        {
            StateDictFile.Save(path, model);
            var copy = new SeedCnn(new Generator(3));
            StateDictFile.Load(path, copy);
            foreach (var (key, value) in model.StateDict())
                Assert.Equal(value.ToArray().Select(BitConverter.SingleToInt32Bits), copy.StateDict()[key].ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(10f, copy.StateDict()["b.2.f.4.1.num_batches_tracked"].Item());
        }
        finally { File.Delete(path); }
    }
}
