using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Hark.Audio;
using Hark.Audio.Export;
using Hark.Audio.Resampling;
using Hark.Serving.Hosting;

namespace Hark.Serving.Tests.Http;

/// <summary>Issue 18's server cases: sample rates that used to hang a request, a thousand distinct rates, NaN audio.</summary>
[Collection(ServedRunCollection.Name)]
public class HostileAudioTests(ServedRun served)
{
    private static byte[] Tone(int rate, double seconds = 0.25)
    {
        var samples = new float[(int)(rate * seconds)];
        for (int i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
        using var wav = new MemoryStream();
        WavWriter.WritePcm16(wav, samples, rate);
        return wav.ToArray();
    }

    private static byte[] WithRate(byte[] wav, uint rate)
    {
        var copy = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(24), rate);
        return copy;
    }

    private async Task<JsonElement> ModelAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/v1/model")).RootElement;

    [Theory]
    [InlineData(10_000_019u)]
    [InlineData(1_000_003u)]
    [InlineData(999_999_937u)]
    [InlineData(2_147_483_647u)]
    public async Task ASampleRateThatUsedToHangTheRequestGets422BeforeTheDeadlineAndLeavesNothingRunning(uint rate)
    {
        // A 444-byte file, as in the report; the deadline is generous, so a 503 would mean the work outran it.
        await using var server = await HarkServer.StartAsync(served.Options with { IndexPath = null, RequestTimeout = TimeSpan.FromSeconds(20) }, _ => { });
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0]), Timeout = TimeSpan.FromSeconds(60) };
        var bytes = WithRate(Tone(16000, 0.0125), rate);
        Assert.Equal(444, bytes.Length);
        var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.Files(("odd.wav", bytes)));
        Assert.Equal(422, status);
        Assert.Equal("undecodable_audio", json.GetProperty("error").GetString());
        Assert.Contains($"sample rate of {rate} Hz; Hark decodes 1000-768000 Hz", json.GetProperty("message").GetString());
        var batching = (await ModelAsync(client)).GetProperty("batching");
        Assert.Equal(0, batching.GetProperty("uploads_preparing").GetInt32());
        Assert.Equal(0, batching.GetProperty("resamplers_cached").GetInt32());
    }

    [Theory]
    [InlineData(47_999)]
    [InlineData(44_056)]
    [InlineData(1_009)]
    [InlineData(767_999)]
    public async Task AnOddRateInsideTheRangeIsServedAndNothingIsLeftPreparing(int rate)
    {
        var (status, json) = await Requests.SendAsync(served.Client, "/v1/predict", Requests.Files(("odd.wav", Tone(rate))));
        Assert.Equal(200, status);
        var probabilities = json.GetProperty("results")[0].GetProperty("probabilities").EnumerateObject().Select(p => p.Value.GetSingle()).ToList();
        Assert.All(probabilities, p => Assert.True(float.IsFinite(p)));
        Assert.Equal(0, (await ModelAsync(served.Client)).GetProperty("batching").GetProperty("uploads_preparing").GetInt32());
    }

    [Fact]
    public async Task AudioWithANaNSampleGets422NamingTheSample()
    {
        var samples = new float[1600];
        samples[321] = float.NaN;
        var data = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        var pcm = Tone(16000, 0.1);
        var wav = new byte[44 + data.Length];
        pcm.AsSpan(0, 44).CopyTo(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(36 + data.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), 3); // IEEE float
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(28), 16000 * 4);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), 32);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), (uint)data.Length);
        data.CopyTo(wav, 44);
        var (status, json) = await Requests.SendAsync(served.Client, "/v1/predict", Requests.Files(("nan.wav", wav)));
        Assert.Equal(422, status);
        Assert.Equal("undecodable_audio", json.GetProperty("error").GetString());
        Assert.Contains("nan.wav", json.GetProperty("message").GetString());
        Assert.Contains("sample 321 is NaN", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AThousandDistinctSampleRatesKeepMemoryFlatWithin20MB()
    {
        await using var server = await HarkServer.StartAsync(served.Options with { IndexPath = null }, _ => { });
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0]), Timeout = TimeSpan.FromSeconds(60) };
        var template = Tone(16000);
        async Task SendRatesAsync(int first, int count)
        {
            for (int k = first; k < first + count; k++)
            {
                int rate = 1000 + 701 * k; // every rate distinct, all inside 1-768 kHz
                var (status, json) = await Requests.SendAsync(client, "/v1/predict", Requests.Files(($"rate{rate}.wav", WithRate(template, (uint)rate))));
                Assert.True(status == 200, $"{rate} Hz: {status} {json}");
            }
        }
        await SendRatesAsync(0, 50); // warm-up: JIT, pools and a full resampler cache
        long before = SettledWorkingSet();
        await SendRatesAsync(50, 1000);
        long after = SettledWorkingSet();
        Assert.True(after - before <= 20L << 20, $"working set grew by {(after - before) / (1 << 20)} MB over 1,000 distinct rates");
        Assert.Equal(ResamplerCache.DefaultCapacity, (await ModelAsync(client)).GetProperty("batching").GetProperty("resamplers_cached").GetInt32());
    }

    // The working set once the garbage collector has returned what it holds but no longer uses (an aggressive collection
    // decommits free regions, which it otherwise keeps for a while): what the process retains, not what it last touched.
    private static long SettledWorkingSet()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
