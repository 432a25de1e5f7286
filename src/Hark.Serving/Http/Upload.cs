namespace Hark.Serving.Http;

/// <summary>One uploaded file held in memory. <see cref="Name"/> is the client's label for it, echoed in responses and never used as a path.</summary>
public sealed record Upload(string Name, byte[] Bytes);
