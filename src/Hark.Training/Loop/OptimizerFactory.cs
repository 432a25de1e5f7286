using Hark.Data;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Training.Configuration;

namespace Hark.Training.Loop;

/// <summary>Builds the recipe's optimiser, with a separate head group when the head's learning rate differs.</summary>
public static class OptimizerFactory
{
    public static Optimizer Create(RecipeConfig recipe, AudioClassifier model)
    {
        var groups = Groups(recipe, model);
        return recipe.Optimizer switch
        {
            OptimizerKind.Adamw => new AdamW(groups, recipe.Lr, weightDecay: recipe.WeightDecay),
            OptimizerKind.Adam => new Adam(groups, recipe.Lr, weightDecay: recipe.WeightDecay),
            OptimizerKind.Sgd => new Sgd(groups, recipe.Lr, momentum: recipe.Momentum, weightDecay: recipe.WeightDecay, nesterov: recipe.Nesterov),
            _ => throw new ConfigException($"recipe.optimizer={recipe.Optimizer}: expected adamw, adam or sgd"),
        };
    }

    private static List<ParameterGroup> Groups(RecipeConfig recipe, AudioClassifier model)
    {
        if (recipe.HeadLrMultiplier == 1f) return [new ParameterGroup(model.Parameters())];
        var head = model.NamedParameters().Where(p => model.IsHeadParameter(p.Key)).Select(p => p.Value).ToList();
        var encoder = model.NamedParameters().Where(p => !model.IsHeadParameter(p.Key)).Select(p => p.Value).ToList();
        if (head.Count == 0) throw new ConfigException($"recipe.head_lr_multiplier={recipe.HeadLrMultiplier}, but {model.GetType().Name} names no head parameters");
        return [new ParameterGroup(encoder), new ParameterGroup(head, learningRate: recipe.Lr * recipe.HeadLrMultiplier)];
    }
}
