using System.Runtime.InteropServices;
using System.Text;

namespace Hark.Features.Caching;

/// <summary>
/// What the file system says about one version of a file: size, modification and status-change times in nanoseconds, inode
/// and device. On Linux it comes from one statx(2) call; the status-change time (ctime) moves on every write, rename or
/// touch and, unlike mtime, cannot be set back by a program, so a content change shows up as a new stamp unless it lands in
/// the same clock tick as the stamp was taken (see <see cref="ContentHashIndex"/> for how that case is handled). Elsewhere
/// the stamp holds only size and mtime (ctime, inode and device are 0).
/// </summary>
public readonly record struct FileStamp(long Size, long ModifiedNanoseconds, long ChangedNanoseconds, ulong Inode, ulong Device)
{
    private static bool statxMissing = !OperatingSystem.IsLinux();

    /// <summary>The stamp of the file at <paramref name="path"/>; false when it does not exist or cannot be examined.</summary>
    public static bool TryRead(string path, out FileStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!statxMissing)
        {
            try { return Statx.TryRead(path, out stamp); }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { statxMissing = true; }
        }
        return TryReadPortable(path, out stamp);
    }

    /// <summary>Size and mtime from .NET's <see cref="FileInfo"/>, on systems without statx.</summary>
    internal static bool TryReadPortable(string path, out FileStamp stamp)
    {
        var info = new FileInfo(path);
        stamp = default;
        if (!info.Exists) return false;
        stamp = new FileStamp(info.Length, (info.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100, 0, 0, 0);
        return true;
    }

    /// <summary>The later of the modification and status-change times, in nanoseconds since the Unix epoch.</summary>
    public long LatestChangeNanoseconds => Math.Max(ModifiedNanoseconds, ChangedNanoseconds);

    private static unsafe class Statx
    {
        private const int AtFdCwd = -100;
        private const uint BasicStats = 0x7ff;

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Call(int directory, byte* path, int flags, uint mask, byte* buffer);

        public static bool TryRead(string path, out FileStamp stamp)
        {
            stamp = default;
            int maxBytes = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            Span<byte> name = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
            int length = Encoding.UTF8.GetBytes(path, name);
            name[length] = 0;
            // struct statx is 256 bytes with the same layout on every architecture.
            byte* buffer = stackalloc byte[256];
            fixed (byte* p = name)
                if (Call(AtFdCwd, p, 0, BasicStats, buffer) != 0) return false;
            static long Nanoseconds(byte* timestamp) => *(long*)timestamp * 1_000_000_000L + *(uint*)(timestamp + 8);
            ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
            stamp = new FileStamp(*(long*)(buffer + 40), Nanoseconds(buffer + 112), Nanoseconds(buffer + 96), *(ulong*)(buffer + 32), device);
            return true;
        }
    }
}
