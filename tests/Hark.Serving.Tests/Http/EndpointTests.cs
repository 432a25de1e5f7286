using System.Net.Http.Headers;
using System.Text.Json;
using Hark.Audio;
using Hark.Serving.Similarity;
using Hark.Inference;
using Hark.Workflows;

namespace Hark.Serving.Tests.Http;

[Collection(ServedRunCollection.Name)]
public class EndpointTests(ServedRun served)
{
    private readonly HttpClient client = served.Client;
    private IReadOnlyList<string> Classes => served.Server.Predictor.Classes.Names;

    [Fact]
    public async Task HealthReadinessModelAndOpenapiAnswerOverHttp()
    {
        Assert.Equal("ok", JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement.GetProperty("status").GetString());
        Assert.Equal("ready", JsonDocument.Parse(await client.GetStringAsync("/readyz")).RootElement.GetProperty("status").GetString());

        var model = JsonDocument.Parse(await client.GetStringAsync("/v1/model")).RootElement;
        Assert.Equal(Classes, model.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("run", model.GetProperty("model").GetProperty("run").GetString());
        Assert.Equal(ModelIdentity.Of(served.Server.Predictor), model.GetProperty("model").GetProperty("model_id").GetString());
        Assert.Equal(64, model.GetProperty("front_end").GetProperty("n_mels").GetInt32());
        Assert.True(model.GetProperty("metrics").GetProperty("test").TryGetProperty("accuracy", out _));
        Assert.Equal(served.Run.Clips.Count, model.GetProperty("index").GetProperty("entries").GetInt32());
        Assert.Equal(ServedRun.MaxUploadBytes, model.GetProperty("limits").GetProperty("max_upload_bytes").GetInt64());

        var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi.json")).RootElement;
        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString());
        foreach (var path in new[] { "/v1/predict", "/v1/embed", "/v1/similar", "/v1/model", "/healthz", "/readyz" })
            Assert.True(openApi.GetProperty("paths").TryGetProperty(path, out _), $"openapi.json lacks {path}");
    }

    [Fact]
    public async Task PredictReturnsTopKAndAllProbabilitiesOfEachFileInUploadOrder()
    {
        var clips = served.Run.Clips;
        var (status, json) = await Requests.SendAsync(client, "/v1/predict?top_k=2",
            Requests.Files((Path.GetFileName(clips[0]), File.ReadAllBytes(clips[0])), (Path.GetFileName(clips[^1]), File.ReadAllBytes(clips[^1]))));
        Assert.Equal(200, status);
        Assert.False(json.GetProperty("multi_label").GetBoolean());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([Path.GetFileName(clips[0]), Path.GetFileName(clips[^1])], results.Select(r => r.GetProperty("file").GetString()));
        foreach (var result in results)
        {
            var probabilities = Requests.Probabilities(result, Classes);
            Assert.Equal(1.0, probabilities.Sum(), 4);
            var top = result.GetProperty("top").EnumerateArray().ToList();
            Assert.Equal(2, top.Count);
            Assert.Equal(Classes[Array.IndexOf(probabilities, probabilities.Max())], top[0].GetProperty("label").GetString());
            Assert.True(top[0].GetProperty("probability").GetSingle() >= top[1].GetProperty("probability").GetSingle());
            Assert.Equal(1.0, result.GetProperty("duration_s").GetDouble(), 3);
        }
    }

    [Fact]
    public async Task ServeAndHarkPredictGiveTheSameProbabilitiesWithin1e6()
    {
        var clips = served.Run.Clips;
        var csv = PredictWorkflow.Run(new PredictRequest([served.Run.RunPath], served.Run.Csv, null), _ => { });
        var csvRows = File.ReadAllLines(served.Run.Csv).Skip(1).Select(l => Path.Combine(served.Run.Folder, "data", l.Split(',')[0])).ToList();
        foreach (var clip in new[] { clips[0], clips[7], clips[^1] })
        {
            var cli = PredictWorkflow.Run(new PredictRequest([served.Run.RunPath], clip, null), _ => { });
            var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.File(clip));
            Assert.Equal(200, status);
            var http = Requests.Probabilities(json.GetProperty("results")[0], Classes);
            var fromCsv = csv.Probabilities[csvRows.IndexOf(clip)];
            for (int c = 0; c < Classes.Count; c++)
            {
                Assert.True(Math.Abs(cli.Probabilities[0][c] - http[c]) <= 1e-6, $"{clip} class {Classes[c]}: hark predict {cli.Probabilities[0][c]}, POST /v1/predict {http[c]}");
                Assert.True(Math.Abs(fromCsv[c] - http[c]) <= 1e-6, $"{clip} class {Classes[c]}: hark predict on the CSV {fromCsv[c]}, POST /v1/predict {http[c]}");
            }
        }
    }

    [Fact]
    public async Task ARawAudioBodyIsAcceptedLikeAMultipartFile()
    {
        var clip = served.Run.Clips[3];
        var raw = new ByteArrayContent(File.ReadAllBytes(clip));
        raw.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", raw);
        var (_, multipart) = await Requests.SendAsync(client, "/v1/predict", Requests.File(clip));
        Assert.Equal(200, status);
        Assert.Equal("body", json.GetProperty("results")[0].GetProperty("file").GetString());
        Assert.Equal(Requests.Probabilities(multipart.GetProperty("results")[0], Classes), Requests.Probabilities(json.GetProperty("results")[0], Classes));
    }

    [Fact]
    public async Task EmbedReturnsThePredictorsEmbedding()
    {
        var clip = served.Run.Clips[5];
        var (status, json) = await Requests.SendAsync(client, "/v1/embed", Requests.File(clip));
        Assert.Equal(200, status);
        var result = json.GetProperty("results")[0];
        var embedding = result.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var expected = served.Server.Predictor.EmbedWaveform(AudioFile.Read(clip));
        Assert.Equal(served.Server.Predictor.Model.EmbeddingSize, result.GetProperty("dimensions").GetInt32());
        Assert.Equal(expected.Length, embedding.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - embedding[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"dimension {i}: {expected[i]} vs {embedding[i]}");
    }

    [Fact]
    public async Task SimilarFindsTheQueryClipItselfFirstThenItsNearestLibraryClips()
    {
        var clip = served.Run.Clips[9];
        var (status, json) = await Requests.SendAsync(client, "/v1/similar?k=3", Requests.File(clip));
        Assert.Equal(200, status);
        var neighbours = json.GetProperty("results")[0].GetProperty("neighbours").EnumerateArray().ToList();
        Assert.Equal(3, neighbours.Count);
        Assert.Equal(1.0, neighbours[0].GetProperty("similarity").GetDouble(), 4);
        Assert.Contains(neighbours, n => n.GetProperty("path").GetString() == Path.GetFileName(clip));
        var similarities = neighbours.Select(n => n.GetProperty("similarity").GetSingle()).ToList();
        Assert.Equal(similarities.OrderByDescending(s => s), similarities);

        // Compared by similarity, not path: clips of a barely trained model can be near-ties that float rounding reorders.
        var index = EmbeddingIndex.Read(served.IndexPath);
        var expected = index.Nearest(served.Server.Predictor.EmbedWaveform(AudioFile.Read(clip)), 3);
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i].Similarity, similarities[i], 1e-4f);
    }
}
