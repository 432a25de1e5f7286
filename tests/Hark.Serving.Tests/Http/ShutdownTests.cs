using System.Net.Http.Headers;
using Hark.Serving.Hosting;

namespace Hark.Serving.Tests.Http;

[Collection(ServedRunCollection.Name)]
public class ShutdownTests(ServedRun served)
{
    [Fact]
    public async Task StoppingFinishesTheRequestInFlightThenRefusesNewConnections()
    {
        var server = await HarkServer.StartAsync(served.Options with { IndexPath = null }, _ => { });
        var address = new Uri(server.Urls[0]);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var bytes = File.ReadAllBytes(served.Run.Clips[2]);
        var firstHalfSent = new TaskCompletionSource();
        var sendRest = new TaskCompletionSource();
        var body = new StreamContent(new GatedStream(bytes, bytes.Length / 2, firstHalfSent, sendRest.Task));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        body.Headers.ContentLength = bytes.Length;

        var inFlight = client.PostAsync("/v1/predict", body);
        await firstHalfSent.Task;
        // The stop must begin while the server is reading this request, not before the request reached it (a fixed pause
        // here was too short on a loaded machine).
        await WaitUntilInFlightAsync(client);
        var stopping = server.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the stop must wait for the request in flight");
        sendRest.SetResult();

        using var response = await inFlight;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("probabilities", await response.Content.ReadAsStringAsync());
        await stopping;
        using var fresh = new HttpClient { BaseAddress = address };
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/healthz"));
        await server.DisposeAsync();
    }

    private static async Task WaitUntilInFlightAsync(HttpClient client)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var model = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/v1/model", limit.Token)).RootElement;
            if (model.GetProperty("batching").GetProperty("requests_in_flight").GetInt32() > 0) return;
            await Task.Delay(20, limit.Token);
        }
    }

    /// <summary>A body that sends its first part, signals, then waits for a gate before sending the rest.</summary>
    private sealed class GatedStream(byte[] bytes, int firstPart, TaskCompletionSource firstPartSent, Task gate) : Stream
    {
        private int position;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position == firstPart)
            {
                firstPartSent.TrySetResult();
                await gate.WaitAsync(cancellationToken);
            }
            int end = position < firstPart ? firstPart : bytes.Length;
            int count = Math.Min(buffer.Length, end - position);
            bytes.AsMemory(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
