namespace Hark.Serving.Tests.Http;

[Collection(ServedRunCollection.Name)]
public class ConcurrencyTests(ServedRun served)
{
    [Fact]
    public async Task FiftyConcurrentUploadsAllSucceedWithTheProbabilitiesEachGetsAlone()
    {
        var clips = served.Run.Clips;
        var classes = served.Server.Predictor.Classes.Names;
        var alone = new Dictionary<string, float[]>();
        foreach (var clip in clips.Take(10))
        {
            var (status, json) = await Requests.SendAsync(served.Client, "/v1/predict", Requests.File(clip));
            Assert.Equal(200, status);
            alone[clip] = Requests.Probabilities(json.GetProperty("results")[0], classes);
        }

        var requests = Enumerable.Range(0, 50).Select(async i =>
        {
            var clip = clips[i % 10];
            var (status, json) = await Requests.SendAsync(served.Client, "/v1/predict", Requests.File(clip));
            return (clip, status, json);
        }).ToList();
        var responses = await Task.WhenAll(requests);

        foreach (var (clip, status, json) in responses)
        {
            Assert.Equal(200, status);
            var probabilities = Requests.Probabilities(json.GetProperty("results")[0], classes);
            for (int c = 0; c < classes.Count; c++)
                Assert.True(Math.Abs(alone[clip][c] - probabilities[c]) <= 1e-6, $"{clip} class {classes[c]}: alone {alone[clip][c]}, among 50 {probabilities[c]}");
        }
    }
}
