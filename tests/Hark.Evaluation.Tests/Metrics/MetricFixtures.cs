using System.Text.Json;

namespace Hark.Evaluation.Tests.Metrics;

/// <summary>
/// The cases of Fixtures/metric_fixtures.json, written by Fixtures/generate_metric_fixtures.py with scikit-learn 1.2.1.
/// Scores are float32 values, so the C# side sees exactly the numbers scikit-learn saw.
/// </summary>
public sealed class MetricCase
{
    private readonly JsonElement json;

    public MetricCase(JsonElement json)
    {
        this.json = json;
        Name = json.GetProperty("name").GetString()!;
        Classes = json.GetProperty("classes").GetInt32();
        Scores = json.GetProperty("scores").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
    }

    public string Name { get; }

    public int Classes { get; }

    public float[][] Scores { get; }

    public int[] LabelsTrue => Ints("y_true");

    public int[] LabelsPred => Ints("y_pred");

    public bool[][] TargetsTrue => Rows("y_true");

    public bool[][] TargetsPred => Rows("y_pred");

    public string[] ClassNames => json.GetProperty("class_names").EnumerateArray().Select(v => v.GetString()!).ToArray();

    public JsonElement Expected(string key) => json.GetProperty("expected").GetProperty(key);

    /// <summary>An input of the case other than labels and scores (e.g. the threshold).</summary>
    public JsonElement Input(string key) => json.GetProperty(key);

    public double Number(string key) => Expected(key).GetDouble();

    public double? NumberOrNull(string key) => Expected(key).ValueKind == JsonValueKind.Null ? null : Expected(key).GetDouble();

    public double[] Numbers(string key) => Numbers(Expected(key));

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public override string ToString() => Name;

    private int[] Ints(string key) => json.GetProperty(key).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private bool[][] Rows(string key) =>
        json.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32() != 0).ToArray()).ToArray();
}

public static class MetricFixtures
{
    public const double Tolerance = 1e-9;

    private static readonly Lazy<MetricCase[]> cases = new(() =>
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "tests", "Hark.Evaluation.Tests", "Metrics", "Fixtures", "metric_fixtures.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new MetricCase(c.Clone())).ToArray();
    });

    public static MetricCase Case(string name) => cases.Value.Single(c => c.Name == name);

    public static TheoryData<string> Single => Names("single");

    public static TheoryData<string> Multi => Names("multi");

    private static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases.Value)
            if (c.Name.StartsWith(kind, StringComparison.Ordinal)) data.Add(c.Name);
        return data;
    }

    public static void Near(double expected, double actual, string what)
    {
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void Near(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"{what}[{i}]: expected undefined (NaN), got {actual[i]:R}");
            else Near(expected[i], actual[i], $"{what}[{i}]");
        }
    }
}
