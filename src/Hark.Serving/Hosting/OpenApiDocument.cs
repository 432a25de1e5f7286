using System.Text.Json.Nodes;

namespace Hark.Serving.Hosting;

/// <summary>The OpenAPI 3.0 description of the API, served at <c>GET /openapi.json</c>.</summary>
public static class OpenApiDocument
{
    public static JsonObject Create(ServeOptions options)
    {
        var audioBody = new JsonObject
        {
            ["required"] = true,
            ["description"] = $"One or more audio files (WAV, FLAC, Ogg, MP3, AIFF; at most {options.MaxUploadBytes} bytes in all, {options.MaxDurationSeconds} s each, {options.MaxFilesPerRequest} files)",
            ["content"] = new JsonObject
            {
                ["multipart/form-data"] = new JsonObject
                {
                    ["schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["file"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
                    },
                },
                ["audio/*"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
                ["application/octet-stream"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
            },
        };
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Hark", ["version"] = "1", ["description"] = "Predictions, embeddings and similarity search over one trained Hark run." },
            ["paths"] = new JsonObject
            {
                ["/v1/predict"] = Post("Class probabilities of each uploaded clip: top-k (single-label) or every class above the threshold (multi-label), plus all probabilities",
                    audioBody.DeepClone(), [Query("top_k", "integer", "how many top classes to list (default 5)"), Query("threshold", "number", "multi-label decision threshold (default 0.5)")]),
                ["/v1/embed"] = Post("The embedding of each uploaded clip (mean over the run's test-time crops)", audioBody.DeepClone(), []),
                ["/v1/similar"] = Post("The k clips of the loaded index nearest to each uploaded clip, by cosine similarity", audioBody.DeepClone(),
                    [Query("k", "integer", "how many neighbours (default 5)")]),
                ["/v1/model"] = Get("The served run: classes, front end, test-time augmentation, metrics, index, limits, batching statistics"),
                ["/healthz"] = Get("200 while the process is up"),
                ["/readyz"] = Get("200 while the model is loaded and the server is not shutting down, else 503"),
                ["/openapi.json"] = Get("This document"),
            },
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["Error"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["error"] = new JsonObject { ["type"] = "string", ["description"] = "stable code: empty_body, no_file, bad_multipart, too_many_files, unsupported_media_type, upload_too_large, upload_too_slow, undecodable_audio, clip_too_long, unusable_audio, bad_parameter, no_index, timeout, non_finite_output, internal_error" },
                            ["message"] = new JsonObject { ["type"] = "string", ["description"] = "the reason, in words" },
                            ["status"] = new JsonObject { ["type"] = "integer" },
                        },
                    },
                },
            },
        };
    }

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = new JsonObject { ["type"] = type },
    };

    private static JsonObject Post(string summary, JsonNode body, JsonObject[] parameters) => new()
    {
        ["post"] = new JsonObject
        {
            ["summary"] = summary,
            ["parameters"] = new JsonArray(parameters.Cast<JsonNode>().ToArray()),
            ["requestBody"] = body,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "results in upload order", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } },
                ["4XX"] = ErrorResponse("the request was refused: the error code and message say why"),
                ["503"] = ErrorResponse("the request timed out"),
            },
        },
    };

    private static JsonObject Get(string summary) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } } },
        },
    };

    private static JsonObject ErrorResponse(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Error" } } },
    };
}
