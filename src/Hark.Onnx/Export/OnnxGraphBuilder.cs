using Google.Protobuf;
using Hark.Onnx.Format;
using Hark.Tensors;

namespace Hark.Onnx.Export;

/// <summary>
/// Builds one ONNX graph (opset <see cref="OnnxExport.Opset"/>): each method adds one operator node, named after the
/// module path it came from, and returns its output's name. Weights become float32 initializers (raw little-endian
/// data), shapes and axes int64 initializers. Values flow by name, so a method's input is any earlier output.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto graph = new() { Name = "hark" };
    private readonly HashSet<string> names = [];
    private readonly Dictionary<string, string> constants = [];

    public GraphProto Graph => graph;

    /// <summary>The op types the graph uses so far (for reports and tests).</summary>
    public IEnumerable<string> OpTypes => graph.Node.Select(n => n.OpType).Distinct();

    public void AddInput(string name, params object[] dims)
    {
        Reserve(name);
        graph.Input.Add(ValueInfo(name, dims, TensorProto.Types.DataType.Float));
    }

    /// <summary>Keeps <paramref name="name"/> (a graph input or a later output) from being given to any node.</summary>
    public void Reserve(string name)
    {
        if (!names.Add(name)) throw new ArgumentException($"ONNX graph: the name '{name}' is taken");
    }

    /// <summary>A float32 initializer holding <paramref name="data"/> shaped <paramref name="shape"/>.</summary>
    public string Initializer(string name, ReadOnlySpan<float> data, params long[] shape)
    {
        name = Unique(name);
        var bytes = new byte[data.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(data).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape);
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A parameter or buffer of the model as an initializer of its own shape.</summary>
    public string Weight(string name, Tensor tensor) => Initializer(name, tensor.ToArray(), [.. tensor.Shape.ToArray().Select(d => (long)d)]);

    /// <summary>An int64 initializer (shapes, axes), shared by every node that needs the same values.</summary>
    public string Int64s(params long[] values)
    {
        string key = "i64:" + string.Join(",", values);
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Unique("const_i64_" + string.Join("_", values.Select(v => v < 0 ? $"m{-v}" : v.ToString())));
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return constants[key] = name;
    }

    /// <summary>A string initializer [values.Count] (UTF-8, as ONNX's string_data holds them).</summary>
    public string Strings(string name, IReadOnlyList<string> values)
    {
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Count);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A float32 scalar initializer, shared by every node that needs the same value.</summary>
    public string Scalar(float value)
    {
        string key = "f32:" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Unique("const_f32");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        graph.Initializer.Add(tensor);
        return constants[key] = name;
    }

    /// <summary>Adds a node of <paramref name="opType"/>; its output is named <paramref name="name"/> (made unique).</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = Unique(name);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    /// <summary>Gives the float value <paramref name="value"/> the graph output name <paramref name="name"/> (reserved first) with an Identity node.</summary>
    public string Output(string value, string name, params object[] dims) => Output(value, name, TensorProto.Types.DataType.Float, dims);

    /// <summary>As <see cref="Output(string, string, object[])"/> for a value of element type <paramref name="type"/>.</summary>
    public string Output(string value, string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var node = new NodeProto { OpType = "Identity", Name = name };
        node.Input.Add(value);
        node.Output.Add(name);
        graph.Node.Add(node);
        graph.Output.Add(ValueInfo(name, dims, type));
        return name;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (int i = 1; !names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }

    // dims: an int is a fixed size, a string a named dynamic size (batch, frames)
    private static ValueInfoProto ValueInfo(string name, object[] dims, TensorProto.Types.DataType type)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim switch
            {
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                _ => throw new ArgumentException($"ONNX dimension {dim}: expected an int or a name"),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
