using Hark.Models;
using Hark.Nn.Checkpoints;
using Hark.Tensors;

namespace Hark.Tests.Pretrained;

/// <summary>Small-width PANNs checkpoints written in code (PANNs' keys, random weights) for the pretrained workflows.</summary>
internal static class TinyPanns
{
    public const int Width = 4;
    public const int Classes = 5;

    /// <summary>Model <paramref name="name"/> at width 4 with 5 classes and 64 mel bins, saved to FOLDER/NAME.safetensors; returns the path and the model.</summary>
    public static (string Path, PannsClassifier Model) Write(string folder, string name, ulong seed = 3)
    {
        var model = (PannsClassifier)ModelZoo.Create(new ModelConfig { Name = name, Width = Width }, new ModelInputs(Classes), new Generator(seed));
        var path = System.IO.Path.Combine(folder, $"{name}.safetensors");
        StateDictFile.Save(path, model);
        return (path, model);
    }

    /// <summary>PANNs' class_labels_indices.csv layout for 5 classes, one name holding a comma; returns the path.</summary>
    public static string Labels(string folder)
    {
        var path = System.IO.Path.Combine(folder, "class_labels_indices.csv");
        File.WriteAllLines(path, ["index,mid,display_name", "0,/m/09x0r,\"Speech\"", "1,/m/05zppz,\"Male speech, man speaking\"", "2,/m/02zsn,\"Female speech\"",
            "3,/m/0ytgt,\"Child speech\"", "4,/m/01h8n0,\"Conversation\""]);
        return path;
    }
}
