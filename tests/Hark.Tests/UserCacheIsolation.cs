using System.Runtime.CompilerServices;

namespace Hark.Tests;

/// <summary>Points the per-user feature cache at a fresh temporary folder for this test process, so the workflow tests neither read stale entries from nor write into the developer's ~/.cache/hark.</summary>
internal static class UserCacheIsolation
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "test process setup: isolate the per-user cache before any test runs")]
    internal static void Isolate() =>
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Directory.CreateTempSubdirectory("hark-tests-xdg-").FullName);
}
