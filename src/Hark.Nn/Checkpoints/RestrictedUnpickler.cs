using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Hark.Nn.Checkpoints;

/// <summary>
/// A pickle reader (protocols 2-5) that builds plain data and never runs code: it knows only the globals a PyTorch
/// state dict needs (collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter, torch.*Storage)
/// and refuses every other global with an error naming it. What calling an allowed global means is decided by the
/// caller through <see cref="Reduce"/> and <see cref="PersistentLoad"/>.
/// </summary>
internal sealed class RestrictedUnpickler
{
    /// <summary>The globals a state dict may name; anything else (os.system, builtins.eval, ...) is refused.</summary>
    public static readonly IReadOnlySet<string> AllowedGlobals = new HashSet<string>
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage",
        "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
    };

    private static readonly object Mark = new();
    private readonly byte[] data;
    private readonly string source;
    private int position;
    private readonly List<object?> stack = [];
    private readonly Dictionary<long, object?> memo = [];

    public RestrictedUnpickler(byte[] data, string source)
    {
        this.data = data;
        this.source = source;
    }

    /// <summary>Applies an allowed global to its argument tuple (REDUCE / NEWOBJ).</summary>
    public required Func<PickleGlobal, object?[], object?> Reduce { get; init; }

    /// <summary>Resolves a persistent id (torch's ('storage', type, key, location, numel) tuples).</summary>
    public required Func<object?, object?> PersistentLoad { get; init; }

    public object? Load()
    {
        while (true)
        {
            if (position >= data.Length) throw Error("the pickle ends before its STOP opcode");
            int at = position;
            byte op = data[position++];
            switch (op)
            {
                case 0x80: position++; break; // PROTO
                case 0x95: position += 8; break; // FRAME: frames are only a buffering hint
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': stack.Add(Mark); break; // MARK
                case (byte)'0': Pop(); break; // POP
                case (byte)'1': PopMark(); break; // POP_MARK
                case (byte)'2': stack.Add(stack[^1]); break; // DUP
                case (byte)'N': stack.Add(null); break; // NONE
                case 0x88: stack.Add(true); break; // NEWTRUE
                case 0x89: stack.Add(false); break; // NEWFALSE
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
                case (byte)'K': stack.Add((long)Take(1)[0]); break; // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
                case 0x8a: stack.Add(ReadLong(Take(1)[0])); break; // LONG1
                case 0x8b: stack.Add(ReadLong(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))))); break; // LONG4
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT
                case (byte)'I': stack.Add(ParseIntLine(ReadLine())); break; // INT
                case (byte)'L': stack.Add(long.Parse(ReadLine().TrimEnd('L'), System.Globalization.CultureInfo.InvariantCulture)); break; // LONG
                case (byte)'F': stack.Add(double.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture)); break; // FLOAT
                case (byte)'X': stack.Add(Utf8(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))))); break; // BINUNICODE
                case 0x8c: stack.Add(Utf8(Take(1)[0])); break; // SHORT_BINUNICODE
                case 0x8d: stack.Add(Utf8(checked((int)BinaryPrimitives.ReadUInt64LittleEndian(Take(8))))); break; // BINUNICODE8
                case (byte)'T': stack.Add(Latin1(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4))))); break; // BINSTRING
                case (byte)'U': stack.Add(Latin1(Take(1)[0])); break; // SHORT_BINSTRING
                case (byte)'B': stack.Add(Take(checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray()); break; // BINBYTES
                case (byte)'C': stack.Add(Take(Take(1)[0]).ToArray()); break; // SHORT_BINBYTES
                case 0x8e: stack.Add(Take(checked((int)BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))).ToArray()); break; // BINBYTES8
                case (byte)')': stack.Add(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': stack.Add(PopMark().ToArray()); break; // TUPLE
                case 0x85: stack.Add(new[] { Pop() }); break; // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new[] { a, b }); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new[] { a, b, c }); break; } // TUPLE3
                case (byte)']': stack.Add(new List<object?>()); break; // EMPTY_LIST
                case (byte)'l': stack.Add(PopMark()); break; // LIST
                case (byte)'a': { var item = Pop(); AsList(stack[^1], at).Add(item); break; } // APPEND
                case (byte)'e': { var items = PopMark(); AsList(stack[^1], at).AddRange(items); break; } // APPENDS
                case (byte)'}': stack.Add(new PickleDict()); break; // EMPTY_DICT
                case (byte)'d': { var dict = new PickleDict(); SetItems(dict, PopMark(), at); stack.Add(dict); break; } // DICT
                case (byte)'s': { var value = Pop(); var key = Pop(); AsDict(stack[^1], at).Set(key!, value); break; } // SETITEM
                case (byte)'u': { var items = PopMark(); SetItems(AsDict(stack[^1], at), items, at); break; } // SETITEMS
                case 0x8f: stack.Add(new List<object?>()); break; // EMPTY_SET (kept as a list)
                case 0x90: { var items = PopMark(); AsList(stack[^1], at).AddRange(items); break; } // ADDITEMS
                case 0x91: stack.Add(PopMark()); break; // FROZENSET
                case (byte)'q': memo[Take(1)[0]] = stack[^1]; break; // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = stack[^1]; break; // LONG_BINPUT
                case (byte)'p': memo[long.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture)] = stack[^1]; break; // PUT
                case 0x94: memo[memo.Count] = stack[^1]; break; // MEMOIZE
                case (byte)'h': stack.Add(Memo(Take(1)[0], at)); break; // BINGET
                case (byte)'j': stack.Add(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)); break; // LONG_BINGET
                case (byte)'g': stack.Add(Memo(long.Parse(ReadLine(), System.Globalization.CultureInfo.InvariantCulture), at)); break; // GET
                case (byte)'c': { var module = ReadLine(); var name = ReadLine(); stack.Add(Global(module, name, at)); break; } // GLOBAL
                case 0x93: { var name = Pop() as string; var module = Pop() as string; stack.Add(Global(module ?? "?", name ?? "?", at)); break; } // STACK_GLOBAL
                case (byte)'R': { var args = AsTuple(Pop(), at); var callee = Pop(); stack.Add(Call(callee, args, at)); break; } // REDUCE
                case 0x81: { var args = AsTuple(Pop(), at); var cls = Pop(); stack.Add(Call(cls, args, at)); break; } // NEWOBJ
                case (byte)'b': { var state = Pop(); Build(stack[^1], state, at); break; } // BUILD
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
            throw Error($"refused global '{full}' at byte {at}: a state dict may only use {string.Join(", ", AllowedGlobals.Take(3))} and torch storage types; " +
                "this file may try to run code when opened with torch.load");
        return new PickleGlobal(module, name);
    }

    private object? Call(object? callee, object?[] args, int at) => callee is PickleGlobal global
        ? Reduce(global, args)
        : throw Error($"REDUCE at byte {at} calls {Describe(callee)}, which is not an allowed global");

    private void Build(object? target, object? state, int at)
    {
        // torch's state dicts carry a `_metadata` attribute (per-module versions); Hark reads it and does not need it
        if (target is PickleDict dict && state is PickleDict attributes) dict.Attributes = attributes;
        else throw Error($"BUILD at byte {at} sets state on {Describe(target)}, which a state dict never does");
    }

    private static void SetItems(PickleDict dict, List<object?> items, int at)
    {
        if (items.Count % 2 != 0) throw new FormatException($"pickle: SETITEMS at byte {at} has an odd number of items");
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i]!, items[i + 1]);
    }

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
        if (count < 0 || position + count > data.Length) throw Error($"truncated: {count} bytes needed at byte {position}, file has {data.Length}");
        var span = data.AsSpan(position, count);
        position += count;
        return span;
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(data, (byte)'\n', position);
        if (end < 0) throw Error($"unterminated text argument at byte {position}");
        var line = Encoding.UTF8.GetString(data, position, end - position);
        position = end + 1;
        return line;
    }

    private static object ParseIntLine(string line) => line switch
    {
        "00" => false,
        "01" => true,
        _ => long.Parse(line, System.Globalization.CultureInfo.InvariantCulture),
    };

    private long ReadLong(int byteCount)
    {
        var bytes = Take(byteCount);
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        if (value < long.MinValue || value > long.MaxValue) throw Error($"integer {value} does not fit in 64 bits");
        return (long)value;
    }

    private string Utf8(int count) => Encoding.UTF8.GetString(Take(count));
    private string Latin1(int count) => Encoding.Latin1.GetString(Take(count));

    private List<object?> AsList(object? o, int at) => o as List<object?> ?? throw Error($"APPEND at byte {at} onto {Describe(o)}");
    private PickleDict AsDict(object? o, int at) => o as PickleDict ?? throw Error($"SETITEM at byte {at} onto {Describe(o)}");
    private object?[] AsTuple(object? o, int at) => o as object?[] ?? throw Error($"call at byte {at} with arguments {Describe(o)} instead of a tuple");

    private static string Describe(object? o) => o switch
    {
        null => "None",
        PickleGlobal g => g.ToString(),
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
