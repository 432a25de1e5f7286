using Hark.Demo;

namespace Hark.Tests.Workflows;

/// <summary>Small datasets written to a fresh temporary folder for end-to-end tests.</summary>
internal static class TinyData
{
    public static string Folder() => Directory.CreateTempSubdirectory("hark-test-").FullName;

    /// <summary>The demo's four classes, <paramref name="perClass"/> training clips each; returns the CSV.</summary>
    public static string SingleLabel(string folder, int perClass = 10) => DemoDataset.Write(Path.Combine(folder, "data"), perClass, seed: 5);

    /// <summary>The same clips relabelled as multi-label ("tone" clips also carry "tonal", like "chirp" and "pulses"); returns the CSV.</summary>
    public static string MultiLabel(string folder, int perClass = 10)
    {
        var single = SingleLabel(folder, perClass);
        var lines = File.ReadAllLines(single).Skip(1).Select(line =>
        {
            var parts = line.Split(',');
            var labels = parts[1] == "noise" ? "noise" : $"{parts[1]},tonal";
            return $"{parts[0]},\"{labels}\",{parts[2]}";
        });
        var path = Path.Combine(Path.GetDirectoryName(single)!, "multilabel.csv");
        File.WriteAllLines(path, ["path,labels,split", .. lines]);
        return path;
    }
}
