using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Hark.Serving.Http;

/// <summary>
/// Reads the audio files of a request: every file part of a <c>multipart/form-data</c> body, or a raw body sent with an
/// <c>audio/*</c> or <c>application/octet-stream</c> content type. A declared Content-Length over the limit is refused
/// before a byte is read; a body that streams past the limit is cut off as soon as it does.
/// </summary>
public sealed class UploadReader(long maxBytes, int maxFiles)
{
    private const int ChunkBytes = 64 * 1024;

    public async Task<IReadOnlyList<Upload>> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > maxBytes)
            throw TooLarge($"the request declares {request.ContentLength} bytes");
        if (request.ContentLength == 0)
            throw new ApiException(400, "empty_body", "the request body is empty; send an audio file (multipart/form-data, or a raw body with an audio/* content type)");
        var contentType = request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            throw Unsupported(contentType);
        var budget = new Budget(maxBytes);
        List<Upload> uploads;
        if (mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            uploads = await ReadMultipartAsync(request, mediaType, budget, cancellation);
        else if (mediaType.MediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || mediaType.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            uploads = [new Upload("body", await ReadCappedAsync(request.Body, budget, cancellation))];
        else
            throw Unsupported(contentType);
        if (uploads.Count == 0)
            throw new ApiException(400, "no_file", "the multipart body holds no file part; attach the audio as a file (e.g. curl -F file=@clip.wav)");
        foreach (var upload in uploads)
            if (upload.Bytes.Length == 0)
                throw new ApiException(400, "empty_body", $"upload '{upload.Name}' is empty (0 bytes)");
        return uploads;
    }

    private async Task<List<Upload>> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, Budget budget, CancellationToken cancellation)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            throw new ApiException(400, "bad_multipart", "multipart/form-data without a boundary parameter");
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        var uploads = new List<Upload>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellation) is { } section)
            {
                bool isFile = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue);
                if (!isFile)
                {
                    await ReadCappedAsync(section.Body, budget, cancellation);
                    continue;
                }
                if (uploads.Count == maxFiles)
                    throw new ApiException(400, "too_many_files", $"more than {maxFiles} files in one request (--max-files)");
                var name = Label(HeaderUtilities.RemoveQuotes(disposition!.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                uploads.Add(new Upload(name, await ReadCappedAsync(section.Body, budget, cancellation)));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException && e is not BadHttpRequestException && !cancellation.IsCancellationRequested)
        {
            throw new ApiException(400, "bad_multipart", $"the multipart body could not be parsed: {e.Message}");
        }
        return uploads;
    }

    /// <summary>A label safe to echo: the last path segment, without control characters, at most 200 characters.</summary>
    private static string Label(string? fileName)
    {
        var last = (fileName ?? "").Split('/', '\\')[^1];
        var clean = new string(last.Where(c => !char.IsControl(c)).Take(200).ToArray());
        return clean.Length > 0 ? clean : "upload";
    }

    private async Task<byte[]> ReadCappedAsync(Stream body, Budget budget, CancellationToken cancellation)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
        {
            budget.Remaining -= read;
            if (budget.Remaining < 0) throw TooLarge("the body streamed past it");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private ApiException TooLarge(string what) =>
        new(413, "upload_too_large", $"uploads are limited to {maxBytes} bytes (--max-upload-mb) and {what}");

    private static ApiException Unsupported(string? contentType) =>
        new(415, "unsupported_media_type", $"content type '{contentType ?? "(none)"}' is not accepted; send multipart/form-data with file parts, or a raw body as audio/* or application/octet-stream");

    private sealed class Budget(long bytes)
    {
        public long Remaining { get; set; } = bytes;
    }
}
