using Hark.Tensors;

namespace Hark.Models.Tests;

/// <summary>
/// The checks every zoo model passes against its PyTorch twin (Fixtures/generate_model_fixtures.py): the state dict
/// loads by name (strictly), its keys come in torch's order, the parameter count equals torch's, evaluation logits and embeddings match, and a
/// training-mode pass (batch statistics, dropout 0) gives torch's logits, loss (sum(logits x loss_weights), where the
/// file holds train.loss), input gradient (where the file holds it), parameter gradients and updated running statistics. Tolerance: |diff| &lt;= atol + 1e-4 |expected| everywhere, atol 1e-4 unless
/// <c>atol</c> gives one per output (its fixture key, e.g. <c>train.grad.fc.weight</c>, and the expected tensor). A PANNs network loads
/// through <see cref="PannsClassifier.LoadPannsStateDict"/>, as a user's PANNs checkpoint does (its extractor keys and
/// att_block.bn_att skipped, everything else strict).
/// </summary>
public static class PyTorchParity
{
    /// <param name="create">builds the model with (true) or without (false) dropout, from any seed: the weights are overwritten.</param>
    /// <param name="fixture">the file's tensors</param>
    /// <param name="prefix">where this case's outputs sit in the file ("" or e.g. "attention_linear.")</param>
    /// <param name="statePrefix">where the state dict sits in the file</param>
    public static void Check(Func<bool, AudioClassifier> create, Dictionary<string, Tensor> fixture, string prefix, ParityReport report,
        string statePrefix = "state.", Func<string, Tensor, double>? atol = null)
    {
        var expected = fixture.Under(prefix);
        void Close(string key, Tensor actual, string what) =>
            report.Close(expected[key], actual, what, atol: atol?.Invoke(key, expected[key]) ?? 1e-4);

        var input = fixture["input"];

        var model = create(true);
        var ownKeys = model.StateDict().Keys.ToHashSet();
        var state = fixture.Under(statePrefix).Where(kv => ownKeys.Contains(kv.Key) || !IsOtherHead(kv.Key, ownKeys)).ToList();
        Load(model, state);
        // the file lists torch's state_dict() in its order: the keys must come in the same order, not just by the same names
        Assert.Equal(state.Select(kv => kv.Key).Where(ownKeys.Contains), model.StateDict().Keys);
        Assert.Equal((long)expected["parameter_count"].Item(), model.ParameterCount());

        model.Eval();
        Close("eval.logits", model.Forward([input]), "eval logits");
        Close("eval.embedding", model.Embed([input]), "eval embedding");

        var deterministic = create(false);
        Load(deterministic, state);
        deterministic.Train();
        var x = input.Clone();
        x.RequiresGrad = true;
        var logits = deterministic.Forward([x]);
        var loss = Ops.Sum(Ops.Mul(logits, expected["loss_weights"]));
        loss.Backward();
        Close("train.logits", logits.Detach(), "train logits");
        if (expected.ContainsKey("train.loss")) Close("train.loss", loss.Detach(), "train loss");
        if (expected.ContainsKey("train.input_grad")) Close("train.input_grad", x.Grad!, "train input gradient");
        var parameters = deterministic.NamedParameters().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (name, _) in expected.Under("train.grad."))
            Close("train.grad." + name, parameters[name].Grad!, $"train gradient of {name}");
        var buffers = deterministic.StateDict();
        foreach (var (name, _) in expected.Under("train.after."))
            Close("train.after." + name, buffers[name], $"{name} after one training pass");
    }

    private static void Load(AudioClassifier model, List<KeyValuePair<string, Tensor>> state)
    {
        if (model is PannsClassifier panns) panns.LoadPannsStateDict(state, loadHead: true);
        else model.LoadStateDict(state, strict: true);
    }

    // cnn14.safetensors holds both heads; a model with one of them skips the other's keys
    private static bool IsOtherHead(string key, HashSet<string> ownKeys) =>
        (key.StartsWith("fc_audioset.", StringComparison.Ordinal) || key.StartsWith("att_block.", StringComparison.Ordinal))
        && !ownKeys.Any(k => k.StartsWith(key[..(key.IndexOf('.') + 1)], StringComparison.Ordinal));
}
