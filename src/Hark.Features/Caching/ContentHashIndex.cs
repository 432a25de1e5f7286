using System.Collections.Concurrent;
using System.Globalization;
using System.Buffers.Text;
using System.Text;
using Hark.Audio.Images;

namespace Hark.Features.Caching;

/// <summary>
/// A memo of the content hash of each audio file a cache has seen, keyed by its full path and its <see cref="FileStamp"/>
/// (size, mtime, ctime, inode, device), so a warm run stats a file instead of reading and hashing all of it. A hash is only
/// looked up under the exact stamp it was recorded with; any write, replacement or rename gives the file a new stamp and
/// sends it back to hashing.
/// <para>
/// The one change a stamp can miss is a rewrite of the same size inside the same file-system clock tick (a few ms) as the
/// version that was hashed. So a hash is recorded only when the file's latest change is more than <see cref="DefaultRacyWindow"/>
/// older than the moment hashing began (git's "racy clean" rule), and only when the stamp is the same before and after
/// reading. Files written moments before a run are therefore hashed again on the next run, and recorded then. Without
/// statx (non-Linux systems) the stamp holds size and mtime only, so a program that restores a file's mtime after changing
/// it to the same size would defeat the memo there.
/// </para>
/// <para>
/// On disk it is one UTF-8 text file, <see cref="FileName"/>, in the cache root: a header with the CRC-32C of the body
/// (a checksum against damage, computed by the CPU's CRC instruction, so opening the index costs a few milliseconds),
/// then one line per file: hash, size, mtime, ctime, inode, device, path (tab-separated; the path last, so it may hold tabs).
/// A file whose body does not match its header is ignored (the memo is rebuilt). <see cref="Save"/> merges with what other
/// processes saved meanwhile and replaces the file by an atomic rename, so readers see an old or a new index, never a torn
/// one; when two processes save at the same moment one's new entries may be lost, which costs only re-hashing.
/// </para>
/// </summary>
public sealed class ContentHashIndex
{
    public const string FileName = "content-hashes.tsv";
    private const string Magic = "hark-content-hashes 2 crc32c=";

    /// <summary>How old a file's last change must be, when hashing starts, for its hash to be recorded.</summary>
    public static readonly TimeSpan DefaultRacyWindow = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, Entry> _recorded = new();
    private readonly Lock _saving = new();

    // A class, not a struct: dictionaries of reference types run the framework's precompiled code, where a struct value would
    // be JIT-compiled on every start (most of the time a warm run spends opening the index).
    private sealed record Entry(FileStamp Stamp, string Hash);

    /// <summary>
    /// Loads the index in <paramref name="root"/> (an empty one when there is none or it does not verify).
    /// <paramref name="racyWindow"/> replaces <see cref="DefaultRacyWindow"/> (tests use zero to record files just written).
    /// </summary>
    public ContentHashIndex(string root, TimeSpan? racyWindow = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        RacyWindow = racyWindow ?? DefaultRacyWindow;
        if (RacyWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(racyWindow), racyWindow, "ContentHashIndex: the racy window must be >= 0");
        IndexPath = Path.Combine(Path.GetFullPath(root), FileName);
        _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        ReadVerified(IndexPath, _entries);
    }

    public string IndexPath { get; }

    public TimeSpan RacyWindow { get; }

    /// <summary>Files in the memo.</summary>
    public int Count => _entries.Count;

    /// <summary>The content hash recorded for <paramref name="fullPath"/> at exactly <paramref name="stamp"/>.</summary>
    public bool TryGet(string fullPath, in FileStamp stamp, out string hash)
    {
        if (_entries.TryGetValue(fullPath, out var entry) && entry.Stamp == stamp)
        {
            hash = entry.Hash;
            return true;
        }
        hash = "";
        return false;
    }

    /// <summary>
    /// Records that <paramref name="fullPath"/> hashed to <paramref name="hash"/> when it was <paramref name="before"/> as
    /// reading began (at <paramref name="hashingStartedUtc"/>) and <paramref name="after"/> once it was read; returns whether
    /// the rules above let it be recorded.
    /// </summary>
    public bool Record(string fullPath, in FileStamp before, in FileStamp after, string hash, DateTime hashingStartedUtc)
    {
        if (before != after || fullPath.Contains('\n') || fullPath.Contains('\r')) return false;
        long startedNanoseconds = (hashingStartedUtc - DateTime.UnixEpoch).Ticks * 100;
        if (before.LatestChangeNanoseconds > startedNanoseconds - RacyWindow.Ticks * 100) return false;
        var entry = new Entry(before, hash);
        _entries[fullPath] = entry;
        _recorded[fullPath] = entry;
        return true;
    }

    /// <summary>Writes the entries recorded since loading, merged with the index now on disk; does nothing when none were.</summary>
    public void Save()
    {
        // The check stays apart from the writing, so a warm run (nothing recorded) never JIT-compiles the merge, a
        // loop-heavy method the runtime compiles fully optimised on first call.
        if (!_recorded.IsEmpty) SaveRecorded();
    }

    private void SaveRecorded()
    {
        lock (_saving)
        {
            if (_recorded.IsEmpty) return;
            var merged = new Dictionary<string, Entry>(StringComparer.Ordinal);
            ReadVerified(IndexPath, merged);
            foreach (var (path, entry) in _recorded) merged[path] = entry;
            var body = new StringBuilder(merged.Count * 160);
            foreach (var (path, e) in merged.OrderBy(p => p.Key, StringComparer.Ordinal))
                body.Append(CultureInfo.InvariantCulture,
                    $"{e.Hash}\t{e.Stamp.Size}\t{e.Stamp.ModifiedNanoseconds}\t{e.Stamp.ChangedNanoseconds}\t{e.Stamp.Inode}\t{e.Stamp.Device}\t{path}\n");
            var bodyBytes = Encoding.UTF8.GetBytes(body.ToString());
            var header = Encoding.UTF8.GetBytes($"{Magic}{Crc32C.Compute(bodyBytes):x8}\n");
            var temporary = $"{IndexPath}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            using (var stream = File.Create(temporary))
            {
                stream.Write(header);
                stream.Write(bodyBytes);
            }
            File.Move(temporary, IndexPath, overwrite: true);
            _recorded.Clear();
        }
    }

    // Adds the entries of the index file to the empty entries, or none when it is missing or does not verify.
    private static void ReadVerified(string indexPath, IDictionary<string, Entry> entries)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(indexPath); }
        catch (FileNotFoundException) { return; }
        catch (DirectoryNotFoundException) { return; }
        var all = bytes.AsSpan();
        int headerEnd = all.IndexOf((byte)'\n');
        if (headerEnd < 0) return;
        var header = all[..headerEnd];
        var body = all[(headerEnd + 1)..];
        if (!header.StartsWith(Encoding.ASCII.GetBytes(Magic)) || !Utf8Parser.TryParse(header[Magic.Length..], out uint expected, out int used, 'x')
            || used != header.Length - Magic.Length || expected != Crc32C.Compute(body))
            return;
        while (!body.IsEmpty)
        {
            int end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (!TryParseLine(line, out string path, out var entry))
            {
                entries.Clear();
                return;
            }
            entries[path] = entry;
        }
    }

    // hash \t size \t mtime \t ctime \t inode \t device \t path
    private static bool TryParseLine(ReadOnlySpan<byte> line, out string path, out Entry entry)
    {
        path = "";
        entry = null!;
        if (line.Length < 65 || line[64] != (byte)'\t') return false;
        var hash = Encoding.ASCII.GetString(line[..64]);
        line = line[65..];
        if (!Next(ref line, out long size) || !Next(ref line, out long modified) || !Next(ref line, out long changed)
            || !Next(ref line, out ulong inode) || !Next(ref line, out ulong device) || line.IsEmpty)
            return false;
        path = Encoding.UTF8.GetString(line);
        entry = new Entry(new FileStamp(size, modified, changed, inode, device), hash);
        return true;

        static bool Next<T>(ref ReadOnlySpan<byte> rest, out T value) where T : IUtf8SpanParsable<T>
        {
            int tab = rest.IndexOf((byte)'\t');
            value = default!;
            if (tab < 0 || !T.TryParse(rest[..tab], CultureInfo.InvariantCulture, out value!)) return false;
            rest = rest[(tab + 1)..];
            return true;
        }
    }
}
