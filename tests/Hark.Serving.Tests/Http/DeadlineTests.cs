using System.Net.Sockets;
using System.Text;
using Hark.Serving.Hosting;

namespace Hark.Serving.Tests.Http;

[Collection(ServedRunCollection.Name)]
public class DeadlineTests(ServedRun served)
{
    [Fact]
    public async Task ARequestPastTheRequestTimeoutGets503AndTheServerGoesOn()
    {
        await using var server = await HarkServer.StartAsync(served.Options with { IndexPath = null, RequestTimeout = TimeSpan.FromTicks(1) }, _ => { });
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0]) };
        for (int i = 0; i < 2; i++)
        {
            var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.File(served.Run.Clips[0]));
            Assert.Equal(503, status);
            Assert.Equal("timeout", json.GetProperty("error").GetString());
        }
        // The timed-out work stops at its next cancellation check; on a starved machine that can take a moment, so the
        // server must be healthy again soon, not necessarily at once.
        int health = 0;
        for (var until = DateTime.UtcNow.AddSeconds(10); health != 200 && DateTime.UtcNow < until; await Task.Delay(100))
            health = (int)(await client.GetAsync("/healthz")).StatusCode;
        Assert.Equal(200, health);
    }

    [Fact]
    public async Task AnUploadThatStallsIsCutOffAfterTheGracePeriod()
    {
        await using var server = await HarkServer.StartAsync(served.Options with { IndexPath = null, MinUploadBytesPerSecond = 64 * 1024 }, _ => { });
        var address = new Uri(server.Urls[0]);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nContent-Length: 1000000\r\n\r\n"));
        await stream.WriteAsync(new byte[1000]);
        // Nothing more is sent: the server must give up on its own, well before this test's limit.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // Reset by the server: also a cut-off.
        }
        Assert.False(limit.IsCancellationRequested, "the server kept waiting for the stalled upload");
        var response = Encoding.ASCII.GetString(received.ToArray());
        if (response.Length > 0) Assert.StartsWith("HTTP/1.1 408", response);
    }
}
