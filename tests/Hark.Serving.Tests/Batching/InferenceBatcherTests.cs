using Hark.Audio;
using Hark.Serving.Batching;
using Hark.Inference;

namespace Hark.Serving.Tests.Batching;

[Collection(ServedRunCollection.Name)]
public class InferenceBatcherTests(ServedRun served)
{
    [Fact]
    public async Task ClipsQueuedWhileOthersAreStillBeingPreparedShareOneForwardPass()
    {
        var predictor = Predictor.Load(served.Run.RunPath);
        var clips = served.Run.Clips.Take(3).Select(c => predictor.ClipFeatures(AudioFile.Read(c))).ToList();
        await using var batcher = new InferenceBatcher(predictor, maxBatch: 3, batchWait: TimeSpan.FromMinutes(5), workers: 1);
        Task<float[]>[] results;
        using (batcher.Preparing(3))
            results = clips.Select(c => batcher.PredictAsync(c, CancellationToken.None)).ToArray();
        var rows = await Task.WhenAll(results);
        Assert.Equal(1, batcher.Batches);
        Assert.Equal(3, batcher.LargestBatch);
        var alone = predictor.PredictClips(clips);
        for (int i = 0; i < rows.Length; i++) Assert.Equal(alone[i], rows[i]);
    }

    [Fact]
    public async Task AClipWithNothingElseBeingPreparedRunsAtOnceWithoutWaitingForCompany()
    {
        var predictor = Predictor.Load(served.Run.RunPath);
        var clip = predictor.ClipFeatures(AudioFile.Read(served.Run.Clips[0]));
        await using var batcher = new InferenceBatcher(predictor, maxBatch: 32, batchWait: TimeSpan.FromMinutes(5), workers: 1);
        var row = await batcher.PredictAsync(clip, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(predictor.Classes.Count, row.Length);
        Assert.Equal(1, batcher.Batches);
    }

    [Fact]
    public async Task ABatchThatFailsBecauseAClipHasTheWrongChannelCountFailsItsRequestsAndTheNextBatchStillRuns()
    {
        var predictor = Predictor.Load(served.Run.RunPath);
        var good = predictor.ClipFeatures(AudioFile.Read(served.Run.Clips[0]));
        int[] shape = [2, .. good.InputShapes[0][1..]];
        var wrongShape = new Features.Examples.FeatureSet(["x"], [shape], [new float[shape.Aggregate(1, (a, b) => a * b)]], null, null, predictor.Classes.Count);
        await using var batcher = new InferenceBatcher(predictor, maxBatch: 32, batchWait: TimeSpan.Zero, workers: 1);
        await Assert.ThrowsAnyAsync<Exception>(() => batcher.PredictAsync(wrongShape, CancellationToken.None));
        var row = await batcher.PredictAsync(good, CancellationToken.None);
        Assert.Equal(predictor.Classes.Count, row.Length);
    }
}
