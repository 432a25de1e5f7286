namespace Hark.Serving.Http;

/// <summary>A request the API refuses: the HTTP status, a stable machine-readable code and a message naming the reason.</summary>
public sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}
