using Hark.Data;
using Hark.Models;
using Hark.Nn.Optim;
using Hark.Training.Configuration;

namespace Hark.Training.Loop;

/// <summary>
/// Builds the recipe's optimiser, with a separate head group when the head's learning rate differs, or one group per
/// layer depth and head/body under layer-wise learning-rate decay (<see cref="RecipeConfig.LayerDecay"/>).
/// </summary>
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
        if (recipe.LayerDecay != 1f) return LayerDecayGroups(recipe, model);
        if (recipe.HeadLrMultiplier == 1f) return [new ParameterGroup(model.Parameters())];
        var head = model.NamedParameters().Where(p => model.IsHeadParameter(p.Key)).Select(p => p.Value).ToList();
        var encoder = model.NamedParameters().Where(p => !model.IsHeadParameter(p.Key)).Select(p => p.Value).ToList();
        if (head.Count == 0) throw new ConfigException($"recipe.head_lr_multiplier={recipe.HeadLrMultiplier}, but {model.GetType().Name} names no head parameters");
        return [new ParameterGroup(encoder), new ParameterGroup(head, learningRate: recipe.Lr * recipe.HeadLrMultiplier)];
    }

    private static List<ParameterGroup> LayerDecayGroups(RecipeConfig recipe, AudioClassifier model)
    {
        var parameters = model.NamedParameters().Select(p => (p.Value, Depth: model.LayerDepth(p.Key)
            ?? throw new ConfigException($"recipe.layer_decay={recipe.LayerDecay}: {model.GetType().Name} has no layer depths (resnet50 and efficientnet-v2-s/-m have); use recipe.layer_decay=1"),
            Head: model.IsHeadParameter(p.Key))).ToList();
        int deepest = parameters.Max(p => p.Depth);
        return parameters.GroupBy(p => (p.Depth, p.Head)).OrderBy(g => g.Key.Depth)
            .Select(g => new ParameterGroup(g.Select(p => p.Value),
                learningRate: recipe.Lr * Math.Pow(recipe.LayerDecay, deepest - g.Key.Depth) * (g.Key.Head ? recipe.HeadLrMultiplier : 1)))
            .ToList();
    }
}
