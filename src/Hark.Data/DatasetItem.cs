namespace Hark.Data;

/// <summary>
/// One sample: its id (as written in the source), the absolute path of each input file (one for audio, N for the
/// multi-image format), its class indices in the dataset's <see cref="LabelSpace"/> (one for single-label, a sorted
/// set for multi-label, none when the source has no labels), the optional split and group (e.g. speaker) and where it
/// came from ("file:line") for messages, and its training weight (a CSV's optional <c>weight</c> column, 1 by default;
/// `hark relabel` writes it).
/// </summary>
public sealed record DatasetItem(string Id, string[] Paths, int[] Labels, string? Split, string? Group, string Origin, float Weight = 1f)
{
    public string Path => Paths[0];

    /// <summary>The single class index; throws when the item has none or several.</summary>
    public int Label =>
        Labels.Length == 1
            ? Labels[0]
            : throw new InvalidOperationException($"{Origin}: expected exactly one label for item '{Id}', got {Labels.Length}");
}
