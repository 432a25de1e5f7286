using System.Runtime.InteropServices;

namespace Hark.Tensors.Backends.Cpu;

/// <summary>
/// The C library's environment, which native libraries read when they initialise. .NET keeps its own copy on Unix,
/// so Environment.SetEnvironmentVariable would not reach them.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> for native code unless the user set it (the user's value always wins).</summary>
    public static void SetDefault(string name, string value)
    {
        if (Environment.GetEnvironmentVariable(name) is null) SetEnvironment(name, value, overwrite: 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
