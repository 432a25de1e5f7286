namespace Hark.Nn;

/// <summary>A state dict that does not fit a module: the message lists every missing, unexpected and mis-shaped key.</summary>
public sealed class StateDictException(string message) : Exception(message);
