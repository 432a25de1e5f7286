using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Hark.Features.Caching;

/// <summary>
/// Reads a small file whole with three system calls (open, pread until a short read, close), for the warm path of the
/// feature cache, which reads thousands of entries: .NET's file APIs add an advisory lock, its release, fstat and
/// fadvise calls around every open, more than doubling the system calls per entry. Linux only; callers fall back to
/// .NET's APIs when <see cref="TryReadAll"/> returns null.
/// </summary>
internal static unsafe class PosixFile
{
    private const int ReadOnly = 0, CloseOnExec = 0x80000, NoSuchFile = 2, Interrupted = 4;
    private static bool missing = !OperatingSystem.IsLinux();

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte* path, int flags);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PRead(int descriptor, byte* buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);

    /// <summary>
    /// The file's bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (return it) with their count, or null
    /// when this fast path is unavailable. A missing file throws <see cref="FileNotFoundException"/>, other failures <see cref="IOException"/>.
    /// </summary>
    public static byte[]? TryReadAll(string path, int sizeHint, out int length)
    {
        length = 0;
        if (missing) return null;
        int maxBytes = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> name = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        name[Encoding.UTF8.GetBytes(path, name)] = 0;
        int descriptor;
        try
        {
            fixed (byte* p = name)
                do descriptor = Open(p, ReadOnly | CloseOnExec);
                while (descriptor < 0 && Marshal.GetLastPInvokeError() == Interrupted);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            missing = true;
            return null;
        }
        if (descriptor < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error == NoSuchFile) throw new FileNotFoundException($"{path}: no such file", path);
            throw new IOException($"{path}: open failed ({Marshal.GetPInvokeErrorMessage(error)})");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 4096));
        try
        {
            while (true)
            {
                nint read;
                fixed (byte* b = buffer)
                    read = PRead(descriptor, b + length, buffer.Length - length, length);
                if (read < 0)
                {
                    int error = Marshal.GetLastPInvokeError();
                    if (error == Interrupted) continue;
                    throw new IOException($"{path}: read failed ({Marshal.GetPInvokeErrorMessage(error)})");
                }
                length += (int)read;
                // A regular file reads short only at its end; a full buffer may have more behind it.
                if (length < buffer.Length) return buffer;
                if (buffer.Length >= Array.MaxLength / 2) throw new IOException($"{path}: too large to read");
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            Close(descriptor);
        }
    }
}
