using Hark.Audio;
using Hark.Inference;
using Hark.Workflows;

namespace Hark.Tests.Workflows;

public class PredictorBatchTests
{
    private static (string Csv, Predictor Predictor, List<string> Clips) TrainedWithPerturbations()
    {
        var folder = TinyData.Folder();
        var csv = TinyData.SingleLabel(folder, perClass: 4);
        var run = Path.Combine(folder, "run");
        TrainWorkflow.Run(new TrainRequest(csv, run, "seed-audio", ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8", "tta.perturbations=3"], Resume: false), new RecordingObserver());
        var clips = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(csv)!, "audio"), "*.wav").Order(StringComparer.Ordinal).Take(6).ToList();
        return (csv, Predictor.Load(run), clips);
    }

    [Fact]
    public void ClipsPredictedTogetherGetWhatEachGetsAloneWhateverTheirOrder()
    {
        var (_, predictor, clips) = TrainedWithPerturbations();
        var features = clips.Select(c => predictor.ClipFeatures(AudioFile.Read(c))).ToList();
        var together = predictor.PredictClips(features, batchSize: 4);
        var reversed = predictor.PredictClips(Enumerable.Reverse(features).ToList());
        for (int i = 0; i < clips.Count; i++)
        {
            var alone = predictor.PredictWaveform(AudioFile.Read(clips[i]));
            for (int c = 0; c < alone.Length; c++)
            {
                Assert.Equal(alone[c], together[i][c], 1e-6f);
                Assert.Equal(alone[c], reversed[clips.Count - 1 - i][c], 1e-6f);
            }
        }
    }

    [Fact]
    public void EmbeddingsOfClipsEmbeddedTogetherEqualEachAlone()
    {
        var (_, predictor, clips) = TrainedWithPerturbations();
        var together = predictor.EmbedClips(clips.Select(c => predictor.ClipFeatures(AudioFile.Read(c))).ToList());
        for (int i = 0; i < clips.Count; i++)
        {
            var alone = predictor.EmbedWaveform(AudioFile.Read(clips[i]));
            Assert.Equal(predictor.Model.EmbeddingSize, alone.Length);
            for (int e = 0; e < alone.Length; e++) Assert.Equal(alone[e], together[i][e], 1e-5f);
        }
    }

    [Fact]
    public void ACsvRowIsPredictedAsItsFileAloneWithPerturbationTta()
    {
        var (csv, predictor, _) = TrainedWithPerturbations();
        var table = PredictWorkflow.Run(new PredictRequest([predictor.Run.Path], csv, null), _ => { });
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[0]).ToList();
        foreach (int i in new[] { 0, rows.Count / 2, rows.Count - 1 })
        {
            var alone = predictor.PredictWaveform(AudioFile.Read(Path.Combine(Path.GetDirectoryName(csv)!, rows[i])));
            for (int c = 0; c < alone.Length; c++) Assert.Equal(alone[c], table.Probabilities[i][c], 1e-6f);
        }
    }
}
