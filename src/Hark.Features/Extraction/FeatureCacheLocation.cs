using Hark.Data;

namespace Hark.Features.Extraction;

/// <summary>
/// Where audio features are cached (<c>data.cache_dir</c>, <c>--cache</c>): <c>auto</c> (the default) is the per-user
/// cache, <c>$XDG_CACHE_HOME/hark/features</c> or else <c>~/.cache/hark/features</c> (on Windows under the local
/// application data folder), so a read-only or shared dataset folder is never written to and every run on the machine
/// shares the entries; <c>none</c> turns the cache off; anything else is the cache folder itself. Entries are
/// content-addressed (a sub-folder per front-end parameter hash, keyed by each file's content hash; see
/// Hark.Features.Caching.FeatureCache), so one cache serves every dataset and front end without mixing them up.
/// </summary>
public static class FeatureCacheLocation
{
    public const string Auto = "auto";
    public const string None = "none";

    /// <summary>The cache root for <paramref name="setting"/>, or null when caching is off.</summary>
    public static string? Resolve(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting) || setting.Equals(Auto, StringComparison.OrdinalIgnoreCase)) return UserCache();
        return setting.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(setting);
    }

    /// <summary>The per-user feature cache folder (which may not exist yet).</summary>
    public static string UserCache()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "hark", "features");
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "hark", "cache", "features");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
            throw new ConfigException("data.cache_dir=auto: neither XDG_CACHE_HOME nor HOME is set, so there is no per-user cache folder; set data.cache_dir (or --cache) to a folder, or to none");
        return Path.Combine(home, ".cache", "hark", "features");
    }
}
