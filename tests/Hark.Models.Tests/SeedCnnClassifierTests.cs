using Hark.Tensors;

namespace Hark.Models.Tests;

public sealed class SeedCnnClassifierTests
{
    [Fact]
    public void TheZoosSeedCnnIsPipelineAsNetworkWithThePeersKeys()
    {
        var model = ModelZoo.Create(new ModelConfig { Name = "seed-cnn" }, new ModelInputs(16, InputCount: 3, InputChannels: 3), new Generator(1));
        var classifier = Assert.IsType<SeedCnnClassifier>(model);
        Assert.Equal(SeedCnn.SeedParameterCount, model.ParameterCount());
        Assert.Equal(classifier.Network.StateDict().Keys, model.StateDict().Keys);
        Assert.Equal(3, model.InputCount);
        Assert.Equal(192, model.EmbeddingSize);
        Assert.Equal(["fc2.weight", "fc2.bias"], model.NamedParameters().Select(p => p.Key).Where(model.IsHeadParameter));
    }

    [Fact]
    public void TrainAndEvalReachTheHeadDropout()
    {
        var model = ModelZoo.Create(new ModelConfig { Name = "seed-cnn", Width = 4, Dropout = 0.9 }, new ModelInputs(4, InputCount: 2, InputChannels: 1), new Generator(1));
        var generator = new Generator(2);
        Tensor[] inputs = [TrainingStep.Gaussian(generator, 2, 1, 16, 16), TrainingStep.Gaussian(generator, 2, 1, 16, 16)];
        model.Eval();
        var first = model.Forward(inputs).ToArray();
        Assert.Equal(first, model.Forward(inputs).ToArray());
        Assert.False(((SeedCnnClassifier)model).Network.Training);
        model.Train();
        Assert.NotEqual(model.Forward(inputs).ToArray(), model.Forward(inputs).ToArray()); // dropout 0.9 draws new masks
        Assert.True(((SeedCnnClassifier)model).Network.Training);
        Assert.Equal([2, model.EmbeddingSize], model.Embed(inputs).Shape);
        Assert.Equal(2 * 16, model.EmbeddingSize); // widths 4, 8, 12, 16, 16 per branch
    }

    [Fact]
    public void PipelineAsLimitHoldsUnlessTheOptionsSetAnother()
    {
        var wide = new ModelConfig { Name = "seed-cnn", Width = 32 };
        var triple = new ModelInputs(16, InputCount: 3, InputChannels: 3);
        var error = Assert.Throws<ParameterLimitException>(() => ModelZoo.Create(wide, triple, new Generator(1)));
        Assert.Equal(ModelZoo.SeedCnnLimit, error.Limit);
        Assert.True(ModelZoo.Create(wide with { MaxParameters = 2_000_000 }, triple, new Generator(1)).ParameterCount() > ModelZoo.SeedCnnLimit);
    }
}
