using Hark.Tensors.Autograd;
using Hark.Tensors.Backends;

namespace Hark.Tensors;

/// <summary>
/// A contiguous, row-major float32 array with a shape, a device and, when it takes part in training, a gradient.
/// Ops never return views: reshaping shares storage, everything else writes a new tensor.
/// </summary>
public sealed partial class Tensor
{
    private readonly int[] shape;

    /// <summary>Dimensions, outermost first; <c>Shape.ToArray()</c> gives a copy to edit.</summary>
    public ReadOnlySpan<int> Shape => shape;
    public Storage Storage { get; private set; }
    public int Numel { get; }

    /// <summary>Whether backward computes a gradient for this tensor. Set on leaves (parameters, inputs under test).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>Accumulated gradient of a leaf after <see cref="Backward"/>; null until then or after zeroing.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The recorded op that produced this tensor, or null for leaves and for tensors made under no-grad.</summary>
    public GradNode? GradFn { get; internal set; }

    public Tensor(Storage storage, params ReadOnlySpan<int> shape)
    {
        Numel = CheckedNumel(shape);
        if (storage.Length != Numel)
            throw new ShapeException($"Tensor: storage holds {storage.Length} elements but shape {ShapeException.Format(shape)} needs {Numel}");
        Storage = storage;
        this.shape = shape.ToArray();
        storage.AddView();
    }

    /// <summary>Set by <see cref="Graph.Retire"/>: backward releases the storage once it has run through the op that made this tensor.</summary>
    internal bool ReleasedByBackward { get; set; }

    /// <summary>Returns the storage to its pool unless another tensor shares it.</summary>
    internal void ReleaseStorage()
    {
        if (!Storage.IsShared) Storage.Release();
    }

    public Device Device => Storage.Device;
    public IBackend Backend => BackendRegistry.For(Device);
    public int Rank => shape.Length;
    public bool IsLeaf => GradFn is null;

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end as in PyTorch.</summary>
    public int Size(int axis) => Shape[NormalizeAxis(axis)];

    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
            throw new ShapeException($"axis {axis} is out of range for a tensor of shape {ShapeException.Format(Shape)}");
        return a;
    }

    /// <summary>The elements of a CPU tensor, in row-major order.</summary>
    public Span<float> Span => CpuData.AsSpan();

    /// <summary>The backing array of a CPU tensor; throws for other devices.</summary>
    internal float[] CpuData => Storage is CpuStorage cpu
        ? cpu.Data
        : throw new InvalidOperationException($"tensor {ShapeException.Format(Shape)} lives on {Device}; copy it to the CPU first");

    /// <summary>A host copy of the elements in row-major order, from any device.</summary>
    public float[] ToArray()
    {
        var values = GC.AllocateUninitializedArray<float>(Numel);
        Storage.CopyToHost(values);
        return values;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Numel != 1) throw new ShapeException($"Item: expected a one-element tensor; got shape {ShapeException.Format(Shape)}");
        return ToArray()[0];
    }

    // ---- creation --------------------------------------------------------------------------------------------

    public static Tensor Empty(ReadOnlySpan<int> shape, Device? device = null) =>
        new(BackendRegistry.For(device ?? Device.Cpu).Allocate(CheckedNumel(shape), zeroed: false), shape);

    public static Tensor Zeros(params ReadOnlySpan<int> shape) => Zeros(shape, Device.Cpu);

    public static Tensor Zeros(ReadOnlySpan<int> shape, Device device) =>
        new(BackendRegistry.For(device).Allocate(CheckedNumel(shape), zeroed: true), shape);

    public static Tensor Full(ReadOnlySpan<int> shape, float value, Device? device = null)
    {
        var t = Empty(shape, device);
        t.Backend.Fill(t, value);
        return t;
    }

    public static Tensor Ones(params ReadOnlySpan<int> shape) => Full(shape, 1f);

    public static Tensor Scalar(float value) => FromArray([value]);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a CPU tensor; with no shape given it is one-dimensional.</summary>
    public static Tensor FromArray(float[] data, params ReadOnlySpan<int> shape) =>
        new(new CpuStorage(data), shape.Length == 0 ? [data.Length] : shape);

    public static Tensor ZerosLike(Tensor t) => Zeros(t.Shape, t.Device);
    public static Tensor EmptyLike(Tensor t) => Empty(t.Shape, t.Device);

    /// <summary>A copy on <paramref name="device"/> (the same tensor when it is already there), outside the graph.</summary>
    public Tensor To(Device device) => device == Device ? this : new Tensor(StorageOn(device), Shape);

    private Storage StorageOn(Device device)
    {
        var storage = BackendRegistry.For(device).Allocate(Numel, zeroed: false);
        if (Storage is CpuStorage host) storage.CopyFromHost(host.Data);
        else if (storage is CpuStorage destination) Storage.CopyToHost(destination.Data);
        else storage.CopyFromHost(ToArray());
        return storage;
    }

    /// <summary>
    /// Moves this tensor's elements to <paramref name="device"/> in place (what <c>Module.To</c> does to parameters and
    /// buffers, so every holder of the tensor sees the move). Only for leaves that own their storage: an op's output or a
    /// tensor sharing its storage with a reshape would leave the others behind.
    /// </summary>
    public void MoveTo(Device device)
    {
        if (device == Device) return;
        if (!IsLeaf || Storage.IsShared)
            throw new InvalidOperationException($"MoveTo: {this} {(IsLeaf ? "shares its storage with another tensor" : "is an op's output")}; move a copy instead (To)");
        Storage = StorageOn(device);
        Storage.AddView();
    }

    /// <summary>The same storage without the graph: gradients do not flow through the result.</summary>
    public Tensor Detach() => new(Storage, Shape);

    /// <summary>A copy with its own storage, outside the graph.</summary>
    public Tensor Clone()
    {
        var copy = EmptyLike(this);
        Backend.Copy(this, copy);
        return copy;
    }

    /// <summary>Runs reverse-mode differentiation from this tensor; a non-scalar needs an explicit output gradient.</summary>
    public void Backward(Tensor? gradient = null) => Graph.Backward(this, gradient);

    public override string ToString() => $"Tensor{ShapeException.Format(Shape)} on {Device}" + (RequiresGrad ? " requires_grad" : "");

    internal static int CheckedNumel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ShapeException($"negative dimension in shape {ShapeException.Format(shape)}");
            n *= d;
            if (n > Array.MaxLength) throw new ShapeException($"shape {ShapeException.Format(shape)} holds more than {Array.MaxLength} elements");
        }
        return (int)n;
    }
}
