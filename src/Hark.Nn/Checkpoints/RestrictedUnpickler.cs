using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Hark.Nn.Checkpoints;

/// <summary>
/// A pickle reader (protocols 2-5) that builds plain data and never runs code: it knows only the globals a PyTorch
/// checkpoint needs (collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter, torch.*Storage)
/// plus the numpy objects training checkpoints carry beside the state dict (arrays, dtypes and scalars, kept as inert
/// <see cref="PickledNumpy"/> data), and refuses every other global with an error naming it. What calling a torch
/// global means is decided by the caller through <see cref="Reduce"/> and <see cref="PersistentLoad"/>.
/// The pickle is read from a stream as far as it goes, never further than a byte limit, so a declared length can
/// only ask for bytes that are really there; several pickles written one after another are read by calling
/// <see cref="Load"/> again (torch's legacy format), and <see cref="Consumed"/> says where the last one ended.
/// </summary>
internal sealed class RestrictedUnpickler
{
    /// <summary>The globals a checkpoint may name; anything else (os.system, builtins.eval, numpy.load, ...) is refused.</summary>
    public static readonly IReadOnlySet<string> AllowedGlobals = new HashSet<string>
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage",
        "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
    }.Concat(PickledNumpy.Globals).ToHashSet();

    private const int ReadChunk = 1 << 16;
    private const int MaxLineBytes = 1 << 16;
    private static readonly object Mark = new();
    private readonly Stream input;
    private readonly long maxBytes;
    private readonly string source;
    private byte[] data = new byte[ReadChunk];
    private int length;
    private int position;
    private long encodedBytes;
    private readonly List<object?> stack = [];
    private readonly Dictionary<long, object?> memo = [];

    /// <param name="input">The pickle bytes (and possibly what follows them); read on demand.</param>
    /// <param name="source">The file name errors start with.</param>
    /// <param name="maxBytes">The most bytes the pickles may take; reading past it is an error.</param>
    public RestrictedUnpickler(Stream input, string source, long maxBytes)
    {
        this.input = input;
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /// <summary>Applies an allowed torch global to its argument tuple (REDUCE / NEWOBJ); numpy's globals never reach it.</summary>
    public required Func<PickleGlobal, object?[], object?> Reduce { get; init; }

    /// <summary>Resolves a persistent id (torch's ('storage', type, key, location, numel[, view]) tuples).</summary>
    public required Func<object?, object?> PersistentLoad { get; init; }

    /// <summary>The bytes the pickles read so far took, from the start of the stream.</summary>
    public long Consumed => position;

    /// <summary>Reads the next pickle from the stream and returns its object.</summary>
    public object? Load()
    {
        stack.Clear();
        memo.Clear();
        while (true)
        {
            if (!Available(1)) throw Error("the pickle ends before its STOP opcode");
            int at = position;
            byte op = data[position++];
            switch (op)
            {
                case 0x80: Take(1); break; // PROTO
                case 0x95: Take(8); break; // FRAME: frames are only a buffering hint
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': stack.Add(Mark); break; // MARK
                case (byte)'0': Pop(); break; // POP
                case (byte)'1': PopMark(); break; // POP_MARK
                case (byte)'2': stack.Add(Top(at)); break; // DUP
                case (byte)'N': stack.Add(null); break; // NONE
                case 0x88: stack.Add(true); break; // NEWTRUE
                case 0x89: stack.Add(false); break; // NEWFALSE
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                case (byte)'K': stack.Add((long)Take(1)[0]); break; // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case 0x8a: stack.Add(ReadLong(Take(1)[0])); break; // LONG1
                case 0x8b: stack.Add(ReadLong(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // LONG4
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
                case (byte)'I': { var line = ReadLine(); stack.Add(line switch { "00" => false, "01" => true, _ => ParseInteger(line, at) }); break; } // INT
                case (byte)'L': stack.Add(ParseInteger(ReadLine(), at)); break; // LONG
                case (byte)'F': stack.Add(double.TryParse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture, out var real) ? real : throw Error($"FLOAT at byte {at} is not a number")); break; // FLOAT
                case (byte)'X': stack.Add(Utf8(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // BINUNICODE
                case 0x8c: stack.Add(Utf8(Take(1)[0])); break; // SHORT_BINUNICODE
                case 0x8d: stack.Add(Utf8(Length64(Take(8)))); break; // BINUNICODE8
                case (byte)'T': stack.Add(Latin1(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // BINSTRING
                case (byte)'U': stack.Add(Latin1(Take(1)[0])); break; // SHORT_BINSTRING
                case (byte)'B': stack.Add(Take((long)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))).ToArray()); break; // BINBYTES
                case (byte)'C': stack.Add(Take(Take(1)[0]).ToArray()); break; // SHORT_BINBYTES
                case 0x8e: stack.Add(Take(Length64(Take(8))).ToArray()); break; // BINBYTES8
                case (byte)')': stack.Add(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': stack.Add(PopMark().ToArray()); break; // TUPLE
                case 0x85: stack.Add(new[] { Pop() }); break; // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new[] { a, b }); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new[] { a, b, c }); break; } // TUPLE3
                case (byte)']': stack.Add(new List<object?>()); break; // EMPTY_LIST
                case (byte)'l': stack.Add(PopMark()); break; // LIST
                case (byte)'a': { var item = Pop(); AsList(Top(at), at).Add(item); break; } // APPEND
                case (byte)'e': { var items = PopMark(); AsList(Top(at), at).AddRange(items); break; } // APPENDS
                case (byte)'}': stack.Add(new PickleDict()); break; // EMPTY_DICT
                case (byte)'d': { var dict = new PickleDict(); SetItems(dict, PopMark(), at); stack.Add(dict); break; } // DICT
                case (byte)'s': { var value = Pop(); var key = Pop(); AsDict(Top(at), at).Set(key ?? throw Error($"SETITEM at byte {at} with a None key"), value); break; } // SETITEM
                case (byte)'u': { var items = PopMark(); SetItems(AsDict(Top(at), at), items, at); break; } // SETITEMS
                case 0x8f: stack.Add(new List<object?>()); break; // EMPTY_SET (kept as a list)
                case 0x90: { var items = PopMark(); AsList(Top(at), at).AddRange(items); break; } // ADDITEMS
                case 0x91: stack.Add(PopMark()); break; // FROZENSET
                case (byte)'q': memo[Take(1)[0]] = Top(at); break; // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Top(at); break; // LONG_BINPUT
                case (byte)'p': memo[ParseInteger(ReadLine(), at)] = Top(at); break; // PUT
                case 0x94: memo[memo.Count] = Top(at); break; // MEMOIZE
                case (byte)'h': stack.Add(Memo(Take(1)[0], at)); break; // BINGET
                case (byte)'j': stack.Add(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)); break; // LONG_BINGET
                case (byte)'g': stack.Add(Memo(ParseInteger(ReadLine(), at), at)); break; // GET
                case (byte)'c': { var module = ReadLine(); var name = ReadLine(); stack.Add(Global(module, name, at)); break; } // GLOBAL
                case 0x93: { var name = Pop() as string; var module = Pop() as string; stack.Add(Global(module ?? "?", name ?? "?", at)); break; } // STACK_GLOBAL
                case (byte)'R': { var args = AsTuple(Pop(), at); var callee = Pop(); stack.Add(Call(callee, args, at)); break; } // REDUCE
                case 0x81: { var args = AsTuple(Pop(), at); var cls = Pop(); stack.Add(Call(cls, args, at)); break; } // NEWOBJ
                case (byte)'b': { var state = Pop(); Build(Top(at), state, at); break; } // BUILD
                case (byte)'Q': stack.Add(PersistentLoad(Pop())); break; // BINPERSID
                default:
                    throw Error($"opcode 0x{op:x2} ('{(char)op}') at byte {at} is not supported in a state-dict pickle");
            }
        }
    }

    private PickleGlobal Global(string module, string name, int at)
    {
        string full = module + "." + name;
        if (!AllowedGlobals.Contains(full))
            throw Error($"refused global '{full}' at byte {at}: a checkpoint may only use {string.Join(", ", AllowedGlobals.Take(3))}, torch storage types " +
                "and numpy arrays, dtypes and scalars; this file may try to run code when opened with torch.load");
        return new PickleGlobal(module, name);
    }

    private object? Call(object? callee, object?[] args, int at)
    {
        if (callee is not PickleGlobal global) throw Error($"REDUCE at byte {at} calls {Describe(callee)}, which is not an allowed global");
        if (global.ToString() == PickledNumpy.CodecsEncode) return Encode(args, at);
        return PickledNumpy.Globals.Contains(global.ToString()) ? new PickledNumpy(global.ToString()) : Reduce(global, args);
    }

    // numpy's arrays pickled with protocol 2 carry their bytes as _codecs.encode(text, 'latin1'); the bytes made this
    // way are counted so that re-encoding one memoised string many times cannot multiply memory
    private byte[] Encode(object?[] args, int at)
    {
        if (args is not [string text, string encoding] || encoding is not ("latin1" or "latin-1"))
            throw Error($"_codecs.encode at byte {at} with arguments other than (text, 'latin1'), which numpy never writes");
        encodedBytes += text.Length;
        if (encodedBytes > length) throw Error($"_codecs.encode at byte {at} makes more bytes than the {length}-byte pickle holds");
        return Encoding.Latin1.GetBytes(text);
    }

    private void Build(object? target, object? state, int at)
    {
        // torch's state dicts carry a `_metadata` attribute (per-module versions); Hark reads it and does not need it
        if (target is PickleDict dict && state is PickleDict attributes) dict.Attributes = attributes;
        else if (target is PickledNumpy) return; // the array's shape, dtype and bytes: not needed
        else throw Error($"BUILD at byte {at} sets state on {Describe(target)}, which a checkpoint never does");
    }

    private void SetItems(PickleDict dict, List<object?> items, int at)
    {
        if (items.Count % 2 != 0) throw Error($"SETITEMS at byte {at} has an odd number of items");
        for (int i = 0; i < items.Count; i += 2)
            dict.Set(items[i] ?? throw Error($"SETITEMS at byte {at} with a None key"), items[i + 1]);
    }

    private object? Top(int at) => stack.Count > 0 && !ReferenceEquals(stack[^1], Mark) ? stack[^1] : throw Error($"opcode at byte {at} needs an object on the stack");

    private object? Pop()
    {
        if (stack.Count == 0) throw Error($"stack underflow at byte {position - 1}");
        var top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        if (ReferenceEquals(top, Mark)) throw Error($"unexpected MARK popped at byte {position - 1}");
        return top;
    }

    private List<object?> PopMark()
    {
        int mark = stack.FindLastIndex(o => ReferenceEquals(o, Mark));
        if (mark < 0) throw Error($"no MARK on the stack at byte {position - 1}");
        var items = stack.GetRange(mark + 1, stack.Count - mark - 1);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private object? Memo(long key, int at) =>
        memo.TryGetValue(key, out var value) ? value : throw Error($"memo key {key} read at byte {at} was never stored");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || !Available(count)) throw Error($"truncated: {count} bytes needed at byte {position}, the pickle has {length - position} more");
        var span = data.AsSpan(position, count);
        position += count;
        return span;
    }

    private ReadOnlySpan<byte> Take(long count) =>
        count <= int.MaxValue ? Take((int)count) : throw Error($"a length of {count} bytes at byte {position} is beyond what Hark reads");

    // Reads from the stream until `count` bytes lie ahead of the position; false when the stream or the limit ends
    // first. The buffer grows by doubling as bytes arrive, so a declared length never sizes it.
    private bool Available(int count)
    {
        while (length - position < count)
        {
            if (length >= maxBytes) return false;
            if (length == data.Length) Array.Resize(ref data, (int)Math.Min(Math.Min(2L * data.Length, maxBytes), Array.MaxLength));
            int got = input.Read(data, length, (int)Math.Min(data.Length - length, maxBytes - length));
            if (got <= 0) return false;
            length += got;
        }
        return true;
    }

    private string ReadLine()
    {
        int end;
        while ((end = Array.IndexOf(data, (byte)'\n', position, length - position)) < 0)
            if (length - position > MaxLineBytes || !Available(length - position + 1)) throw Error($"unterminated text argument at byte {position}");
        var line = Encoding.UTF8.GetString(data, position, end - position);
        position = end + 1;
        return line;
    }

    // A Python int; only torch's legacy magic number (10 bytes) needs more than 64 bits, and is kept as a BigInteger
    private object ReadLong(long byteCount)
    {
        if (byteCount > 16) throw Error($"a {byteCount}-byte integer at byte {position} is beyond what a checkpoint holds");
        var value = new BigInteger(Take(byteCount), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    private long ParseInteger(string text, int at) =>
        long.TryParse(text.TrimEnd('L'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value : throw Error($"'{text}' at byte {at} is not a 64-bit integer");

    private long Length64(ReadOnlySpan<byte> bytes)
    {
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return value <= int.MaxValue ? (long)value : throw Error($"a length of {value} bytes at byte {position} is beyond what Hark reads");
    }

    private string Utf8(long count) => Encoding.UTF8.GetString(Take(count));
    private string Latin1(long count) => Encoding.Latin1.GetString(Take(count));

    private List<object?> AsList(object? o, int at) => o as List<object?> ?? throw Error($"APPEND at byte {at} onto {Describe(o)}");
    private PickleDict AsDict(object? o, int at) => o as PickleDict ?? throw Error($"SETITEM at byte {at} onto {Describe(o)}");
    private object?[] AsTuple(object? o, int at) => o as object?[] ?? throw Error($"call at byte {at} with arguments {Describe(o)} instead of a tuple");

    private static string Describe(object? o) => o switch
    {
        null => "None",
        PickleGlobal g => g.ToString(),
        PickledNumpy n => n.ToString(),
        _ => o.GetType().Name,
    };

    private FormatException Error(string message) => new($"{source}: pickle: {message}");
}

/// <summary>A global that passed the allow-list, e.g. torch._utils._rebuild_tensor_v2.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => Module + "." + Name;
}

/// <summary>A Python dict (or OrderedDict) in insertion order.</summary>
internal sealed class PickleDict
{
    public OrderedDictionary<object, object?> Items { get; } = new();
    public PickleDict? Attributes { get; set; }

    public void Set(object key, object? value) => Items[key] = value;
}
