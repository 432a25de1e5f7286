using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Cli.Tests;

/// <summary>`hark embed` and `hark predict --weights` from the command line: output files, and user errors as one line without a trace.</summary>
public class PretrainedCommandTests
{
    private static (string Folder, string Csv, string Weights) Setup(string model)
    {
        var folder = Hark.Tests.Workflows.TinyData.Folder();
        var csv = Hark.Tests.Workflows.TinyData.SingleLabel(folder, perClass: 1);
        var weights = Path.Combine(folder, $"{model}.safetensors");
        StateDictFile.Save(weights, ModelZoo.Create(new ModelConfig { Name = model, Width = 2 }, new ModelInputs(3), new Generator(1)));
        return (folder, csv, weights);
    }

    [Fact]
    public void EmbedWithWeightsWritesTheNpyAndThePathList()
    {
        var (folder, csv, weights) = Setup("cnn10");
        var output = Path.Combine(folder, "emb.npy");
        var result = Cli.Run("embed", "--weights", weights, "--model", "cnn10", csv, "--out", output);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal([File.ReadAllLines(csv).Length - 1, 16], Hark.Tensors.Serialization.Npy.Load(output).Shape.ToArray());
        Assert.True(File.Exists(Path.Combine(folder, "emb.csv")));
    }

    [Fact]
    public void AWrongModelNamesTheOneTheKeysLookLikeWithoutATrace()
    {
        var (folder, csv, weights) = Setup("cnn10");
        var result = Cli.Run("predict", "--weights", weights, "--model", "cnn14", csv);
        Assert.NotEqual(0, result.ExitCode);
        Cli.AssertNoTrace(result);
        Assert.Contains("look like cnn10", result.Error);
        Assert.Contains("pass --model cnn10", result.Error);
    }

    [Fact]
    public void LabelsWithoutAPretrainedModelAreAUsageError()
    {
        var (_, csv, _) = Setup("cnn10");
        Cli.AssertUserError(Cli.Run("predict", "runs/x", csv, "--labels", "class_labels_indices.csv"), "--weights W.pth --model NAME");
    }
}
