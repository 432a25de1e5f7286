using System.Runtime.InteropServices;

namespace Hark.Audio;

/// <summary>
/// The few libsndfile entry points Hark needs (sf_open_virtual, sf_readf_float, sf_error, sf_close, sf_strerror), bound at run
/// time with <see cref="NativeLibrary"/> so that a machine without the library still decodes WAV and names the
/// missing library for everything else. Files are served from memory through libsndfile's virtual I/O callbacks.
/// </summary>
public sealed unsafe class LibSndFile
{
    /// <summary>The names tried, in order, when looking for the shared library.</summary>
    public static readonly IReadOnlyList<string> DefaultLibraryNames =
        ["libsndfile.so.1", "libsndfile.so", "libsndfile.1.dylib", "libsndfile-1.dll", "sndfile.dll"];

    public const string InstallHint = "install it with `apt-get install libsndfile1` (Debian/Ubuntu)";

    private static readonly Lazy<LibSndFile?> shared = new(() => TryLoad(DefaultLibraryNames));

    /// <summary>The process-wide binding, or null when no libsndfile could be loaded.</summary>
    public static LibSndFile? Shared => shared.Value;

    private const int SfmRead = 0x10;

    // SF_FORMAT_TYPEMASK and SF_FORMAT_MPEG from sndfile.h.
    private const int MajorFormatMask = 0x0FFF0000, FormatMpeg = 0x230000;

    private readonly delegate* unmanaged<VirtualIo*, int, SfInfo*, void*, nint> openVirtual;
    private readonly delegate* unmanaged<nint, float*, long, long> readFramesFloat;
    private readonly delegate* unmanaged<nint, int> close;
    private readonly delegate* unmanaged<nint, int> error;
    private readonly delegate* unmanaged<nint, sbyte*> errorString;

    private LibSndFile(nint library)
    {
        openVirtual = (delegate* unmanaged<VirtualIo*, int, SfInfo*, void*, nint>)NativeLibrary.GetExport(library, "sf_open_virtual");
        readFramesFloat = (delegate* unmanaged<nint, float*, long, long>)NativeLibrary.GetExport(library, "sf_readf_float");
        close = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sf_close");
        error = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "sf_error");
        errorString = (delegate* unmanaged<nint, sbyte*>)NativeLibrary.GetExport(library, "sf_strerror");
    }

    /// <summary>Loads the first library in <paramref name="names"/> that exists and exports what Hark needs.</summary>
    public static LibSndFile? TryLoad(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint library)) continue;
            try { return new LibSndFile(library); }
            catch (EntryPointNotFoundException) { NativeLibrary.Free(library); }
        }
        return null;
    }

    /// <summary>
    /// Decodes a whole file held in memory to float samples, reading as many frames as libsndfile reports (as soundfile
    /// does). A read that stops early is an error, not the end of the file: when libsndfile reports one (sf_error), and,
    /// for every format but MP3 (whose frame count libsndfile estimates), whenever fewer frames arrive than the header
    /// declares. The checks of <see cref="DecodedAudioChecks"/> apply.
    /// </summary>
    public Waveform Decode(ReadOnlySpan<byte> file, string name, string formatName) => Decode(file, name, formatName, AudioReadOptions.Whole);

    /// <summary>
    /// <see cref="Decode(ReadOnlySpan{byte}, string, string)"/> within <paramref name="options"/>' limits: a file whose
    /// header declares more than the duration limit is refused before any frame is read, one that declares nothing is
    /// refused once it has delivered more, and only the leading frames needed are decoded.
    /// </summary>
    public Waveform Decode(ReadOnlySpan<byte> file, string name, string formatName, AudioReadOptions options)
    {
        // MP3 goes through libmpg123, which prints to standard error; its lines become part of Hark's message instead.
        if (formatName != "MP3") return DecodeQuietly(file, name, formatName, options);
        var capture = NativeStderrCapture.Begin();
        try
        {
            return DecodeQuietly(file, name, formatName, options);
        }
        catch (AudioDecodeException e)
        {
            var chatter = capture.End();
            var said = chatter.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? chatter.FirstOrDefault();
            if (said is null) throw;
            throw new AudioDecodeException(name, $"{e.Reason} (libmpg123: {said.TrimEnd('.')})", e);
        }
        finally
        {
            capture.End();
        }
    }

    private Waveform DecodeQuietly(ReadOnlySpan<byte> file, string name, string formatName, AudioReadOptions options)
    {
        fixed (byte* data = file)
        {
            var source = new MemorySource { Data = data, Length = file.Length };
            var io = new VirtualIo
            {
                GetFileLength = &GetFileLength, Seek = &Seek, Read = &Read, Write = &Write, Tell = &Tell,
            };
            SfInfo info = default;
            nint handle = openVirtual(&io, SfmRead, &info, &source);
            if (handle == 0)
            {
                // The file is served from memory, so "File does not exist or is not a regular file" can only mean that
                // libsndfile found nothing it could decode.
                string said = Marshal.PtrToStringUTF8((nint)errorString(0)) ?? "";
                throw new AudioDecodeException(name, said.StartsWith("File does not exist")
                    ? $"libsndfile found no decodable {formatName} stream in it (corrupt, truncated or not {formatName})"
                    : $"libsndfile could not open it as {formatName}: {said}");
            }
            try
            {
                if (info.Channels <= 0) throw new AudioDecodeException(name, $"libsndfile reports {info.Channels} channels");
                DecodedAudioChecks.CheckSampleRate(name, info.SampleRate);
                var samples = ReadAll(handle, info, name, formatName, options);
                DecodedAudioChecks.CheckNotEmpty(name, samples.Length);
                DecodedAudioChecks.CheckSampleValues(name, samples, info.Channels, options);
                return new Waveform(samples, info.SampleRate, info.Channels);
            }
            finally { close(handle); }
        }
    }

    // Grows the buffer as frames actually arrive, so a corrupt header claiming billions of frames cannot exhaust memory.
    private float[] ReadAll(nint handle, SfInfo info, string name, string formatName, AudioReadOptions options)
    {
        int channels = info.Channels;
        long maxFrames = Array.MaxLength / channels;
        bool declared = info.Frames is >= 0 and < long.MaxValue, estimated = (info.Format & MajorFormatMask) == FormatMpeg;
        long wanted = declared
            ? options.FramesToDecode(name, info.Frames, info.SampleRate)
            : Math.Min(maxFrames, options.LeadingFrames is { } leading ? Math.Max(1, leading(info.SampleRate)) : maxFrames);
        if (!declared && options.MaxDurationSeconds is { } limit)
            wanted = Math.Min(wanted, (long)Math.Ceiling(limit * info.SampleRate) + 1);
        var buffer = new float[(int)Math.Min(Math.Min(wanted, 1L << 16), maxFrames) * channels];
        long framesRead = 0;
        while (framesRead < wanted)
        {
            if (framesRead * channels == buffer.Length)
            {
                if (framesRead >= maxFrames) throw new AudioDecodeException(name, $"more than {maxFrames} frames: too long for one array");
                Array.Resize(ref buffer, (int)Math.Min(Math.Min(framesRead * 2, wanted), maxFrames) * channels);
            }
            long room = buffer.Length / channels - framesRead;
            long got;
            fixed (float* destination = &buffer[framesRead * channels]) got = readFramesFloat(handle, destination, room);
            if (got <= 0) break;
            framesRead += got;
        }
        if (error(handle) != 0)
            throw new AudioDecodeException(name, $"{formatName} is corrupt or truncated: libsndfile stopped after {framesRead} frames ({Marshal.PtrToStringUTF8((nint)errorString(handle))})");
        if (declared && !estimated && framesRead < wanted)
            throw new AudioDecodeException(name, $"{formatName} is truncated or corrupt: libsndfile read {framesRead} of the {info.Frames} frames its header declares");
        if (!declared && options.MaxDurationSeconds is { } max && (double)framesRead / info.SampleRate > max)
            throw new AudioDecodeException(name, AudioReadOptions.TooLongReason((double)framesRead / info.SampleRate, max));
        if (framesRead * channels != buffer.Length) Array.Resize(ref buffer, (int)(framesRead * channels));
        return buffer;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SfInfo
    {
        public long Frames;
        public int SampleRate, Channels, Format, Sections, Seekable;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct VirtualIo
    {
        public delegate* unmanaged<void*, long> GetFileLength;
        public delegate* unmanaged<long, int, void*, long> Seek;
        public delegate* unmanaged<void*, long, void*, long> Read;
        public delegate* unmanaged<void*, long, void*, long> Write;
        public delegate* unmanaged<void*, long> Tell;
    }

    private struct MemorySource
    {
        public byte* Data;
        public long Length, Position;
    }

    [UnmanagedCallersOnly]
    private static long GetFileLength(void* user) => ((MemorySource*)user)->Length;

    [UnmanagedCallersOnly]
    private static long Seek(long offset, int whence, void* user)
    {
        var source = (MemorySource*)user;
        long origin = whence switch { 0 => 0, 1 => source->Position, _ => source->Length };
        long target = origin + offset;
        if (target < 0 || target > source->Length) return -1;
        return source->Position = target;
    }

    [UnmanagedCallersOnly]
    private static long Read(void* destination, long count, void* user)
    {
        var source = (MemorySource*)user;
        long n = Math.Clamp(source->Length - source->Position, 0, Math.Max(count, 0));
        Buffer.MemoryCopy(source->Data + source->Position, destination, n, n);
        source->Position += n;
        return n;
    }

    [UnmanagedCallersOnly]
    private static long Write(void* data, long count, void* user) => 0;

    [UnmanagedCallersOnly]
    private static long Tell(void* user) => ((MemorySource*)user)->Position;
}
