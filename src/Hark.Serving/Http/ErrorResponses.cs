using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hark.Serving.Http;

/// <summary>
/// Turns every failure of a request into a JSON error <c>{"error": code, "message": reason, "status": n}</c>: refused input
/// keeps its 4xx status, a deadline gives 503, anything unexpected 500 (and is logged). No exception leaves a request,
/// so a failing request never takes the process down.
/// </summary>
public static class ErrorResponses
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static RequestDelegate Middleware(RequestDelegate next, Action<string> log) => async http =>
    {
        try
        {
            await next(http);
        }
        catch (ApiException e)
        {
            await WriteAsync(http, e.Status, e.Code, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            var code = e.StatusCode switch { 413 => "upload_too_large", 408 => "upload_too_slow", _ => "bad_request" };
            await WriteAsync(http, e.StatusCode, code, e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (OperationCanceledException)
        {
            await WriteAsync(http, 503, "timeout", "the request did not finish within the server's request timeout (--request-timeout)");
        }
        catch (Exception e)
        {
            log($"{http.Request.Method} {http.Request.Path} failed: {e}");
            await WriteAsync(http, 500, "internal_error", $"the server failed on this request ({e.GetType().Name}: {e.Message})");
        }
    };

    public static async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }
        http.Response.Clear();
        http.Response.StatusCode = status;
        // A refused request may still be sending its body; closing the connection spares reading (draining) the rest.
        if (status is 408 or 413) http.Response.Headers.Connection = "close";
        await http.Response.WriteAsJsonAsync(new { error = code, message, status }, Json);
    }
}
