using Hark.Data;
using Hark.Features.Caching;
using Hark.Features.Extraction;

namespace Hark.Workflows;

/// <summary>One front end's entries in a feature cache: its parameter hash (the folder name), preset name, entries and bytes.</summary>
public sealed record CachedFrontEnd(string Hash, string Name, int Entries, long Bytes);

/// <summary>What a feature cache holds.</summary>
public sealed record CacheInfo(string Root, bool Exists, IReadOnlyList<CachedFrontEnd> FrontEnds)
{
    public int Entries => FrontEnds.Sum(f => f.Entries);
    public long Bytes => FrontEnds.Sum(f => f.Bytes);
}

/// <summary>
/// `hark cache info|clear [--cache DIR]`: describes or empties a feature cache (by default the per-user one, see
/// <see cref="FeatureCacheLocation"/>). Clearing removes only what the cache wrote: the front-end folders (those holding
/// a frontend.json) and the content-hash index, so a mistyped --cache cannot delete anything else.
/// </summary>
public static class CacheWorkflow
{
    public static CacheInfo Info(string? cacheDir)
    {
        var root = Root(cacheDir);
        if (!Directory.Exists(root)) return new CacheInfo(root, false, []);
        var frontEnds = FrontEndFolders(root).Select(folder =>
        {
            var entries = Directory.EnumerateFiles(folder, "*.npy").Select(f => new FileInfo(f).Length).ToList();
            return new CachedFrontEnd(Path.GetFileName(folder), FrontEndName(folder), entries.Count, entries.Sum());
        }).ToList();
        return new CacheInfo(root, true, frontEnds);
    }

    /// <summary>Deletes the cache's entries; returns what was there.</summary>
    public static CacheInfo Clear(string? cacheDir)
    {
        var info = Info(cacheDir);
        if (!info.Exists) return info;
        foreach (var folder in FrontEndFolders(info.Root)) Directory.Delete(folder, recursive: true);
        foreach (var index in Directory.EnumerateFiles(info.Root, ContentHashIndex.FileName + "*")) File.Delete(index);
        return info;
    }

    private static string Root(string? cacheDir) => FeatureCacheLocation.Resolve(cacheDir)
        ?? throw new ConfigException("--cache none names no cache; give a folder, or leave --cache out for the per-user cache");

    private static IEnumerable<string> FrontEndFolders(string root) =>
        Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, "frontend.json"))).Order(StringComparer.Ordinal);

    private static string FrontEndName(string folder)
    {
        try { return Hark.Audio.FrontEnds.FrontEndConfig.FromJson(File.ReadAllText(Path.Combine(folder, "frontend.json"))).Name; }
        catch (FormatException) { return "?"; }
    }
}
