namespace Hark.Tensors.Autograd;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output.
/// Implementations add into <see cref="GradientSink.Buffer"/>, or overwrite a <see cref="GradientSink.FirstWriteBuffer"/> completely,
/// so a tensor used twice gets both contributions.
/// </summary>
public delegate void BackwardFunction(Tensor dOutput, GradientSink grads);

/// <summary>One recorded op in the graph: its inputs and how to send a gradient back to them.</summary>
public sealed class GradNode(string op, Tensor[] inputs, BackwardFunction backward)
{
    public string Op { get; } = op;
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Null once backward has run through this node: the saved tensors are released with it.</summary>
    internal BackwardFunction? Backward { get; set; } = backward;
}
