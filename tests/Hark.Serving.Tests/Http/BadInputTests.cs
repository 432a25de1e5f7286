using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hark.Audio.Export;

namespace Hark.Serving.Tests.Http;

[Collection(ServedRunCollection.Name)]
public class BadInputTests(ServedRun served)
{
    private const long TwoHundredMegabytes = 200L << 20;
    private readonly HttpClient client = served.Client;

    private static void AssertError(int status, JsonElement json, int expectedStatus, string code, params string[] mentions)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(code, json.GetProperty("error").GetString());
        Assert.Equal(expectedStatus, json.GetProperty("status").GetInt32());
        foreach (var mention in mentions) Assert.Contains(mention, json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ACorruptWavIsRefusedWithTheReason()
    {
        var bytes = File.ReadAllBytes(served.Run.Clips[0]);
        bytes.AsSpan(20, 16).Fill(0xFF); // the fmt chunk: format code, channels, rate, block size
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.Files(("broken.wav", bytes)));
        AssertError(status, json, 422, "undecodable_audio", "broken.wav");
    }

    [Fact]
    public async Task ATextFileNamedWavIsRefusedAsNotAudio()
    {
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.Files(("notes.wav", Encoding.UTF8.GetBytes("these are my meeting notes, not a recording\n"))));
        AssertError(status, json, 422, "undecodable_audio", "notes.wav", "not a recognised audio file");
    }

    [Fact]
    public async Task AnEmptyBodyAndAnEmptyFileAreRefused()
    {
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", empty);
        AssertError(status, json, 400, "empty_body");

        (status, json) = await Requests.SendAsync(client, "/v1/embed", Requests.Files(("nothing.wav", [])));
        AssertError(status, json, 400, "empty_body", "nothing.wav");

        var noFile = new MultipartFormDataContent { { new StringContent("hello"), "comment" } };
        (status, json) = await Requests.SendAsync(client, "/v1/predict", noFile);
        AssertError(status, json, 400, "no_file");
    }

    [Fact]
    public async Task ATenMinuteClipIsOverTheDurationLimit()
    {
        int rate = 16000;
        var samples = new float[rate * 600];
        for (int i = 0; i < samples.Length; i++) samples[i] = 0.1f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
        using var wav = new MemoryStream();
        WavWriter.WritePcm16(wav, samples, rate);
        Assert.True(wav.Length < ServedRun.MaxUploadBytes, "the clip must pass the upload limit so that the duration limit is what refuses it");
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.Files(("long.wav", wav.ToArray())));
        AssertError(status, json, 422, "clip_too_long", "long.wav", "600.0 s", "30 s");
    }

    [Fact]
    public async Task A200MBUploadIsRefusedFromItsContentLengthBeforeAnyBodyByteIsSent()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(served.BaseAddress.Host, served.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nContent-Length: {TwoHundredMegabytes}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // No body byte is ever sent: an answer can only come from the declared length, not from reading 200 MB.
        var response = await ReadToCloseAsync(stream, TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("\"upload_too_large\"", response);
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A200MBUploadStreamedWithoutALengthIsCutOffAtTheLimit()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(served.BaseAddress.Host, served.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: audio/wav\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = new byte[1 << 20];
        var chunkHead = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        var crlf = "\r\n"u8.ToArray();
        long sent = 0;
        var sending = Task.Run(async () =>
        {
            try
            {
                while (sent < TwoHundredMegabytes)
                {
                    await stream.WriteAsync(chunkHead);
                    await stream.WriteAsync(chunk);
                    await stream.WriteAsync(crlf);
                    sent += chunk.Length;
                }
            }
            catch (IOException)
            {
                // The server closed the connection after refusing the upload.
            }
        });
        var response = await ReadToCloseAsync(stream, TimeSpan.FromSeconds(60));
        await sending;
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("\"upload_too_large\"", response);
        Assert.True(sent < TwoHundredMegabytes / 2, $"the client got to send {sent} bytes before the server cut it off");
    }

    [Fact]
    public async Task UnsupportedContentTypesBadParametersAndUnknownPathsGetJsonErrors()
    {
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", new StringContent("hello", Encoding.UTF8, "text/plain"));
        AssertError(status, json, 415, "unsupported_media_type", "text/plain");

        (status, json) = await Requests.SendAsync(client, "/v1/similar?k=zero", Requests.File(served.Run.Clips[0]));
        AssertError(status, json, 400, "bad_parameter", "k=zero");

        (status, json) = await Requests.SendAsync(client, "/v1/similar?k=2.5", Requests.File(served.Run.Clips[0]));
        AssertError(status, json, 400, "bad_parameter", "expected a whole number");

        (status, json) = await Requests.SendAsync(client, "/v1/predict?threshold=1.5", Requests.File(served.Run.Clips[0]));
        AssertError(status, json, 400, "bad_parameter", "threshold=1.5: expected a number in 0..1");

        (status, json) = await Requests.SendAsync(client, "/v1/nothing", Requests.File(served.Run.Clips[0]));
        AssertError(status, json, 404, "not_found", "/v1/nothing");
    }

    [Fact]
    public async Task AfterEveryKindOfBadRequestTheServerStillAnswers()
    {
        await Requests.SendAsync(client, "/v1/predict", Requests.Files(("bad.wav", [1, 2, 3])));
        var (status, _) = await Requests.SendAsync(client, "/v1/predict", Requests.File(served.Run.Clips[1]));
        Assert.Equal(200, status);
        Assert.DoesNotContain(served.Log, l => l.Contains("failed"));
    }

    /// <summary>Everything the server sends until it closes the connection.</summary>
    private static async Task<string> ReadToCloseAsync(NetworkStream stream, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the response: the server dropped the rest of the upload.
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
