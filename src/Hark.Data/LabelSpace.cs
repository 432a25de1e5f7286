using System.Globalization;
using Hark.Data.Csv;

namespace Hark.Data;

/// <summary>
/// The ordered list of class names and the name &lt;-&gt; index mapping. Built from the labels seen (sorted like
/// scikit-learn's LabelEncoder: numerically when every name is an integer, else ordinal string order), from a given
/// order, or from the columns of a Kaggle <c>sample_submission.csv</c>, whose order the submission must keep.
/// </summary>
public sealed class LabelSpace
{
    private readonly string[] names;
    private readonly Dictionary<string, int> indexByName;

    private LabelSpace(string[] names)
    {
        this.names = names;
        indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new ArgumentException($"LabelSpace: class {i} has an empty name; expected non-empty class names");
            if (!indexByName.TryAdd(names[i], i))
                throw new ArgumentException($"LabelSpace: class name '{names[i]}' appears twice (at {indexByName[names[i]]} and {i}); expected distinct names");
        }
    }

    public int Count => names.Length;

    public IReadOnlyList<string> Names => names;

    public string this[int index] => names[index];

    /// <summary>The classes in exactly the given order.</summary>
    public static LabelSpace FromNames(IEnumerable<string> orderedNames) => new(orderedNames.ToArray());

    /// <summary>The distinct labels, sorted numerically when all are integers, otherwise by ordinal string order.</summary>
    public static LabelSpace FromLabels(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        bool allIntegers = distinct.Length > 0 && distinct.All(l => long.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        if (allIntegers)
            Array.Sort(distinct, (a, b) =>
            {
                int byValue = long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture));
                return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
            });
        else
            Array.Sort(distinct, StringComparer.Ordinal);
        return new LabelSpace(distinct);
    }

    /// <summary>Class order from a sample submission's header: every column after the first (the id column).</summary>
    public static LabelSpace FromSampleSubmission(string path)
    {
        var table = CsvReader.ReadFile(path);
        if (table.Header.Length < 2)
            throw new FormatException($"{path}:1: expected a header 'id,<class 1>,<class 2>,...', got '{string.Join(",", table.Header)}'");
        var classes = table.Header.Skip(1).Select(h => h.Trim()).ToArray();
        try
        {
            return new LabelSpace(classes);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}:1: {e.Message}", e);
        }
    }

    public int IndexOf(string name) =>
        indexByName.TryGetValue(name, out int index)
            ? index
            : throw new KeyNotFoundException($"LabelSpace: unknown class '{name}'; expected one of {Describe()}");

    public bool TryGetIndex(string name, out int index) => indexByName.TryGetValue(name, out index);

    public bool Contains(string name) => indexByName.ContainsKey(name);

    /// <summary>A short description of the classes for messages (the first few names and the count).</summary>
    public string Describe(int maxNames = 12) =>
        names.Length <= maxNames
            ? $"[{string.Join(", ", names)}]"
            : $"[{string.Join(", ", names.Take(maxNames))}, ... ({names.Length} classes)]";

    public override string ToString() => Describe();
}
