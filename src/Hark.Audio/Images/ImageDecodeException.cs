namespace Hark.Audio.Images;

/// <summary>An image that could not be decoded: corrupt, truncated, failing a CRC, or using a feature PNG does not define.</summary>
public sealed class ImageDecodeException : Exception
{
    public string FileName { get; }
    public string Reason { get; }

    public ImageDecodeException(string fileName, string reason, Exception? inner = null)
        : base($"{fileName}: {reason}", inner)
    {
        FileName = fileName;
        Reason = reason;
    }
}
