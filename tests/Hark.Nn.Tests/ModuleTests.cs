using Hark.Tensors;

namespace Hark.Nn.Tests;

public class ModuleTests
{
    [Fact]
    public void StateDictKeysFollowPytorchOrderAndSkipNonPersistentBuffers()
    {
        var net = new ToyNet(new Generator(1));
        Assert.Equal(
        [
            "features.0.weight", "features.0.bias",
            "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked",
            "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias",
        ], net.StateDict().Keys);
        Assert.Equal(["features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
            "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias"], net.NamedParameters().Select(p => p.Key));
        Assert.Contains("features.1.scratch", net.NamedBuffers().Select(b => b.Key));
        Assert.Equal(0, net.StateDict()["features.1.num_batches_tracked"].Rank);
    }

    [Fact]
    public void ParametersRequireGradientsAndBuffersDoNotAndCountsAddUp()
    {
        var net = new ToyNet(new Generator(1));
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.All(net.NamedBuffers(), b => Assert.False(b.Value.RequiresGrad));
        Assert.Equal(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2 + 4 + 1, net.ParameterCount());
        net.Heads[1].Weight.RequiresGrad = false;
        Assert.Equal(net.ParameterCount() - 4, net.ParameterCount(trainableOnly: true));
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        var net = new ToyNet(new Generator(1));
        Assert.True(net.Features[1].Training);
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Value.Training));
        net.Train();
        Assert.All(net.NamedModules(), m => Assert.True(m.Value.Training));
    }

    [Fact]
    public void LoadStateDictCopiesInPlaceSoExistingReferencesSeeTheValues()
    {
        var source = new ToyNet(new Generator(1));
        var target = new ToyNet(new Generator(2));
        var weight = target.Heads[0].Weight;
        source.StateDict()["features.1.num_batches_tracked"].Span[0] = 7;
        target.LoadStateDict(source.StateDict());
        Assert.Same(weight, target.Heads[0].Weight);
        Assert.Equal(source.Heads[0].Weight.ToArray(), weight.ToArray());
        Assert.Equal(7f, target.StateDict()["features.1.num_batches_tracked"].Item());
    }

    [Fact]
    public void StrictLoadListsMissingUnexpectedAndMisShapedKeysAndChangesNothing()
    {
        var target = new ToyNet(new Generator(2));
        var before = target.Heads[0].Weight.ToArray();
        var state = new ToyNet(new Generator(1)).StateDict();
        state.Remove("heads.1.bias");
        state.Add("heads.2.weight", Tensor.Zeros(1));
        state["heads.1.weight"] = Tensor.Zeros(5, 5);

        var error = Assert.Throws<StateDictException>(() => target.LoadStateDict(state));
        Assert.Contains("missing keys (1): heads.1.bias", error.Message);
        Assert.Contains("unexpected keys (1): heads.2.weight", error.Message);
        Assert.Contains("heads.1.weight: checkpoint [5, 5] vs model [1, 4]", error.Message);
        Assert.Equal(before, target.Heads[0].Weight.ToArray());
    }

    [Fact]
    public void NonStrictLoadReportsWhatItSkippedButStillRejectsShapeMismatches()
    {
        var target = new ToyNet(new Generator(2));
        var state = new ToyNet(new Generator(1)).StateDict();
        state.Remove("heads.1.bias");
        state.Add("extra", Tensor.Zeros(1));
        var result = target.LoadStateDict(state, strict: false);
        Assert.Equal(["heads.1.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);

        state["heads.1.weight"] = Tensor.Zeros(2);
        Assert.Throws<StateDictException>(() => target.LoadStateDict(state, strict: false));
    }

    [Fact]
    public void RegisteringANameTwiceOrWithADotThrows()
    {
        Assert.Throws<ArgumentException>(() => new DuplicateNames());
        Assert.Throws<ArgumentException>(() => new DottedName());
    }

    private sealed class DuplicateNames : Module
    {
        public DuplicateNames()
        {
            RegisterParameter("w", Tensor.Zeros(1));
            RegisterBuffer("w", Tensor.Zeros(1));
        }
    }

    private sealed class DottedName : Module
    {
        public DottedName() => RegisterParameter("a.b", Tensor.Zeros(1));
    }
}
