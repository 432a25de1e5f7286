namespace Hark.Tensors;

public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator +(Tensor a, float b) => Ops.Add(a, b);
    public static Tensor operator +(float a, Tensor b) => Ops.Add(a, b);
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);
    public static Tensor operator -(Tensor a, float b) => Ops.Sub(a, b);
    public static Tensor operator -(float a, Tensor b) => Ops.Sub(a, b);
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);
    public static Tensor operator *(Tensor a, float b) => Ops.Mul(a, b);
    public static Tensor operator *(float a, Tensor b) => Ops.Mul(a, b);
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);
    public static Tensor operator /(Tensor a, float b) => Ops.Div(a, b);
    public static Tensor operator /(float a, Tensor b) => Ops.Div(a, b);
    public static Tensor operator -(Tensor x) => Ops.Neg(x);
}
