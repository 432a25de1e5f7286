using Hark.Features.Extraction;
using Hark.Tests.Workflows;

namespace Hark.Cli.Tests;

/// <summary>The per-user feature cache: read-only datasets train without being written to, and `hark cache info|clear`.</summary>
public class FeatureCacheCommandTests
{
    [Fact]
    public void AReadOnlyDatasetFolderTrainsWithoutBeingWrittenTo()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var data = Path.GetDirectoryName(csv)!;
        string[] Listing() => [.. Directory.GetFileSystemEntries(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var before = Listing();
        SetReadOnly(data, readOnly: true);
        try
        {
            var result = Cli.Run(["train", "--data", csv, "--out", Path.Combine(folder, "run"), .. TrainedRun.Settings]);
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Equal(before, Listing());
            Assert.Contains($"from the cache in {FeatureCacheLocation.UserCache()}", result.All);
        }
        finally
        {
            SetReadOnly(data, readOnly: false);
        }
    }

    [Fact]
    public void CacheInfoCountsTheEntriesAndClearRemovesOnlyTheCachesOwnFiles()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 2);
        var cache = Path.Combine(folder, "cache");
        Assert.Equal(0, Cli.Run("features", "--data", csv, "--cache", cache).ExitCode);
        File.WriteAllText(Path.Combine(cache, "keep.txt"), "not the cache's");
        var info = Cli.Run("cache", "info", "--cache", cache);
        Assert.Equal(0, info.ExitCode);
        int clips = File.ReadAllLines(csv).Length - 1;
        Assert.Contains($"{cache}: {clips} entries", info.Out);
        Assert.Contains("seed-audio", info.Out);
        var cleared = Cli.Run("cache", "clear", "--cache", cache);
        Assert.Contains($"removed {clips} entries", cleared.Out);
        Assert.Equal([Path.Combine(cache, "keep.txt")], Directory.GetFileSystemEntries(cache));
        Assert.Contains(": 0 entries", Cli.Run("cache", "info", "--cache", cache).Out);
        Cli.AssertUserError(Cli.Run("cache", "empty"), "expected info or clear");
        Assert.Contains(FeatureCacheLocation.UserCache(), Cli.Run("cache", "info").Out);
    }

    private static void SetReadOnly(string folder, bool readOnly)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, readOnly ? UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var dir in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | (readOnly ? 0 : UnixFileMode.UserWrite)
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
