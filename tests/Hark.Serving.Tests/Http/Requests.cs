using System.Net.Http.Headers;
using System.Text.Json;

namespace Hark.Serving.Tests.Http;

/// <summary>Builds the requests the tests send and reads the JSON they get back.</summary>
internal static class Requests
{
    public static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(part, "file", name);
        }
        return form;
    }

    public static MultipartFormDataContent File(string path) => Files((Path.GetFileName(path), System.IO.File.ReadAllBytes(path)));

    public static async Task<(int Status, JsonElement Json)> SendAsync(HttpClient client, string url, HttpContent? content)
    {
        using var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static float[] Probabilities(JsonElement result, IReadOnlyList<string> classes) =>
        classes.Select(c => result.GetProperty("probabilities").GetProperty(c).GetSingle()).ToArray();
}
