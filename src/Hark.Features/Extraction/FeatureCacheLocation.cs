using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>
/// Where a run's audio features are cached (<c>data.cache_dir</c>): <c>auto</c> (the default) is a <c>.hark-cache</c>
/// folder beside the data (next to the metadata CSV, or next to a folder of class folders, never inside it), <c>none</c>
/// turns the cache off, anything else is the cache folder itself. One cache serves every front end: entries sit in a
/// sub-folder per front-end parameter hash, keyed by each file's content hash (see Hark.Features.Caching.FeatureCache).
/// </summary>
public static class FeatureCacheLocation
{
    public const string Auto = "auto";
    public const string None = "none";
    public const string FolderName = ".hark-cache";

    /// <summary>The cache root for <paramref name="setting"/> and the data at <paramref name="dataSource"/>, or null when caching is off.</summary>
    public static string? Resolve(string? setting, string dataSource)
    {
        if (string.IsNullOrWhiteSpace(setting) || setting.Equals(Auto, StringComparison.OrdinalIgnoreCase))
        {
            var full = Path.GetFullPath(dataSource).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var beside = Path.GetDirectoryName(full)
                ?? throw new ConfigException($"data.cache_dir=auto: {dataSource} has no parent folder to put {FolderName} in; set data.cache_dir to a folder or none");
            return Path.Combine(beside, FolderName);
        }
        return setting.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(setting);
    }
}
