using System.Runtime.InteropServices;
using System.Text;

namespace Hark.Audio;

/// <summary>
/// Captures what native code writes to the process's standard error (file descriptor 2) while a native decoder runs:
/// libmpg123, which libsndfile uses for MP3, prints its own notes and errors there ("[src/libmpg123/layer3.c:...] error:
/// part2_3_length ...", "Note: Trying to resync...") with no switch to stop it. Descriptor 2 is pointed at a scratch
/// file for the duration, one capture at a time; what else the process wrote meanwhile (its own messages, from other
/// threads) is passed on to the real standard error afterwards, and the decoder's lines are returned so the caller can
/// turn them into its own message. On Windows, or if the descriptors cannot be switched, nothing is captured.
/// </summary>
internal sealed class NativeStderrCapture : IDisposable
{
    private const int StandardError = 2;
    private static readonly Lock gate = new();
    private static FileStream? scratch;
    private readonly int _saved = -1;
    private bool _ended;

    private NativeStderrCapture()
    {
        gate.Enter();
        try
        {
            if (OperatingSystem.IsWindows()) return;
            scratch ??= new FileStream(Path.Combine(Path.GetTempPath(), $"hark-stderr-{Environment.ProcessId}-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, 4096, FileOptions.DeleteOnClose);
            scratch.SetLength(0);
            Console.Error.Flush();
            int saved = dup(StandardError);
            if (saved < 0) return;
            if (dup2((int)scratch.SafeFileHandle.DangerousGetHandle(), StandardError) < 0)
            {
                close(saved);
                return;
            }
            _saved = saved;
        }
        catch
        {
            gate.Exit();
            throw;
        }
    }

    public static NativeStderrCapture Begin() => new();

    /// <summary>Restores standard error and returns the decoder's lines (those it recognises as libmpg123's), one per entry.</summary>
    public IReadOnlyList<string> End()
    {
        if (_ended) return [];
        _ended = true;
        try
        {
            if (_saved < 0) return [];
            Console.Error.Flush();
            dup2(_saved, StandardError);
            close(_saved);
            var captured = scratch!;
            captured.Position = 0;
            var text = new StreamReader(captured, Encoding.UTF8, false, 4096, leaveOpen: true).ReadToEnd();
            var decoder = new List<string>();
            var others = new StringBuilder();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (IsDecoderLine(line)) decoder.Add(Tidy(line));
                else others.Append(line).Append('\n');
            if (others.Length > 0) Console.Error.Write(others.ToString());
            return decoder;
        }
        finally
        {
            gate.Exit();
        }
    }

    public void Dispose() => End();

    private static bool IsDecoderLine(string line) =>
        line.StartsWith("[src/libmpg123/") || line.StartsWith("Note: ") || line.StartsWith("Warning: ") || line.StartsWith("Error: ")
        || line.StartsWith("[") && line.Contains("] error: ") || line.Contains("] warning: ");

    // "[src/libmpg123/layer3.c:INT123_do_layer3():1771] error: part2_3_length ..." -> "error: part2_3_length ...".
    private static string Tidy(string line)
    {
        line = line.Trim();
        int bracket = line.StartsWith('[') ? line.IndexOf("] ", StringComparison.Ordinal) : -1;
        return bracket > 0 ? line[(bracket + 2)..] : line;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
