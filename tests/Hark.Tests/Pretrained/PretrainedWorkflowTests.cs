using Hark.Audio;
using Hark.Audio.FrontEnds;
using Hark.Models;
using Hark.Nn;
using Hark.Nn.Checkpoints;
using Hark.Pretrained;
using Hark.Tensors;
using Hark.Tensors.Autograd;
using Hark.Tensors.Serialization;
using Hark.Tests.Workflows;

namespace Hark.Tests.Pretrained;

public class PretrainedWorkflowTests
{
    private static (string Folder, string Csv) Clips()
    {
        var folder = TinyData.Folder();
        return (folder, TinyData.SingleLabel(folder, perClass: 2));
    }

    // the clip through PANNs' front end and the network built here, as PyTorch's pipeline would run it
    private static float[] Direct(PannsClassifier model, string file, Func<PannsClassifier, Tensor[], Tensor> forward)
    {
        model.Eval();
        var frontEnd = new FrontEnd(FrontEnd.Preset("panns32k"));
        var mono = AudioFile.Read(file).ToMono();
        var features = frontEnd.Apply(mono.Samples, mono.SampleRate);
        using var _ = Graph.NoGrad();
        return forward(model, [Ops.Reshape(features, 1, 1, features.Size(-2), features.Size(-1))]).ToArray();
    }

    [Fact]
    public void EmbedWritesEachClipInInputOrderEqualToTheNetworkOnItsOwn()
    {
        var (folder, csv) = Clips();
        var (weights, model) = TinyPanns.Write(folder, "cnn14");
        var output = Path.Combine(folder, "out", "emb.npy");
        var summary = EmbedWorkflow.Run(new EmbedRequest(csv, output, Weights: weights, Model: "cnn14"), _ => { });

        var rows = File.ReadAllLines(csv).Skip(1).Select(r => r.Split(',')[0]).ToList();
        var embeddings = Npy.Load(output);
        Assert.Equal([rows.Count, 32 * TinyPanns.Width], embeddings.Shape);
        var listed = File.ReadAllLines(Path.Combine(folder, "out", "emb.csv"));
        Assert.Equal("index,id,path", listed[0]);
        Assert.Equal(rows, listed.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Equal(summary.Clips, rows.Count);

        var last = Path.Combine(Path.GetDirectoryName(csv)!, rows[^1]);
        var expected = Direct(model, last, (m, x) => m.Embed(x));
        var written = embeddings.ToArray().AsSpan((rows.Count - 1) * expected.Length, expected.Length).ToArray();
        Assert.Contains(expected, v => v != 0);
        for (int e = 0; e < expected.Length; e++) Assert.Equal(expected[e], written[e], 1e-4f * Math.Max(1, Math.Abs(expected[e])));

        var single = Path.Combine(folder, "one.npy");
        EmbedWorkflow.Run(new EmbedRequest(last, single, Weights: weights, Model: "cnn14"), _ => { });
        var alone = Npy.Load(single).ToArray();
        for (int e = 0; e < expected.Length; e++) Assert.Equal(written[e], alone[e], 1e-5f * Math.Max(1, Math.Abs(written[e])));
    }

    [Fact]
    public void EmbedOfATrainedRunUsesTheRunsOwnModel()
    {
        var (folder, csv) = Clips();
        var run = Path.Combine(folder, "run");
        Hark.Workflows.TrainWorkflow.Run(new Hark.Workflows.TrainRequest(csv, run, "seed-audio", ["recipe.epochs=1", "model.width=4", "recipe.batch_size=4"], Resume: false),
            new RecordingObserver());
        var output = Path.Combine(folder, "emb.npy");
        EmbedWorkflow.Run(new EmbedRequest(csv, output, Run: run), _ => { });
        var predictor = Hark.Inference.Predictor.Load(run);
        Assert.Equal([File.ReadAllLines(csv).Length - 1, predictor.Model.EmbeddingSize], Npy.Load(output).Shape);
    }

    [Fact]
    public void TaggingGivesEachClipTheSigmoidOfTheCheckpointsHeadUnderTheLabelsNames()
    {
        var (folder, csv) = Clips();
        var (weights, model) = TinyPanns.Write(folder, "cnn10");
        var output = Path.Combine(folder, "tags.csv");
        var table = TagWorkflow.Run(new TagRequest(weights, "cnn10", TinyPanns.Labels(folder), csv, output), _ => { });
        Assert.Equal("Male speech, man speaking", table.Classes[1]);
        Assert.StartsWith("id,Speech,\"Male speech, man speaking\"", File.ReadAllLines(output)[0]);

        var first = Path.Combine(Path.GetDirectoryName(csv)!, File.ReadAllLines(csv)[1].Split(',')[0]);
        var logits = Direct(model, first, (m, x) => m.Forward(x));
        for (int c = 0; c < TinyPanns.Classes; c++) Assert.Equal(1 / (1 + MathF.Exp(-logits[c])), table.Probabilities[0][c], 1e-4f);
    }

    [Fact]
    public void FramewiseOutputHasARowPerFrameAndNeedsTheDecisionLevelModel()
    {
        var (folder, csv) = Clips();
        var (weights, _) = TinyPanns.Write(folder, "cnn14-decision-level-att");
        var frames = Path.Combine(folder, "frames.csv");
        var table = TagWorkflow.Run(new TagRequest(weights, "cnn14-decision-level-att", TinyPanns.Labels(folder), csv, Framewise: frames), _ => { });
        var lines = File.ReadAllLines(frames);
        Assert.StartsWith("id,frame,time,Speech,", lines[0]);
        var perClip = lines.Skip(1).GroupBy(l => l.Split(',')[0]).ToList();
        Assert.Equal(table.Ids, perClip.Select(g => g.Key));
        var mono = AudioFile.Read(Path.Combine(Path.GetDirectoryName(csv)!, table.Ids[0])).ToMono();
        int expectedFrames = new FrontEnd(FrontEnd.Preset("panns32k")).Apply(mono.Samples, mono.SampleRate).Size(-1);
        Assert.Equal(expectedFrames, perClip[0].Count());
        Assert.Equal("0.010", perClip[0].ElementAt(1).Split(',')[2]);

        var (plain, _) = TinyPanns.Write(folder, "cnn14");
        var error = Assert.Throws<Hark.Data.ConfigException>(() => TagWorkflow.Run(new TagRequest(plain, "cnn14", null, csv, Framewise: frames), _ => { }));
        Assert.Contains("cnn14-decision-level-att", error.Message);
    }

    [Fact]
    public void ACheckpointOfAnotherModelNamesTheModelItsKeysLookLike()
    {
        var folder = TinyData.Folder();
        var (weights, _) = TinyPanns.Write(folder, "cnn10");
        var error = Assert.Throws<StateDictException>(() => PretrainedNetwork.Open(weights, "cnn14", null));
        Assert.Contains("look like cnn10", error.Message);
        Assert.Contains("--model cnn10", error.Message);
    }

    [Fact]
    public void AShapeMismatchNamesTheKeyAndBothShapes()
    {
        var folder = TinyData.Folder();
        var (_, model) = TinyPanns.Write(folder, "cnn14");
        var state = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        state["conv_block3.conv1.weight"] = Tensor.Zeros(16, 7, 3, 3);
        var weights = Path.Combine(folder, "broken.safetensors");
        SafeTensors.Save(weights, state);
        var error = Assert.Throws<StateDictException>(() => PretrainedNetwork.Open(weights, "cnn14", null));
        Assert.Contains("conv_block3.conv1.weight: checkpoint [16, 7, 3, 3] vs model [16, 8, 3, 3]", error.Message);
        Assert.Contains(weights, error.Message);
    }

    [Fact]
    public void ALabelFileOfAnotherSizeThanTheHeadIsRefused()
    {
        var folder = TinyData.Folder();
        var (weights, _) = TinyPanns.Write(folder, "cnn10");
        var labels = Path.Combine(folder, "labels.csv");
        File.WriteAllLines(labels, ["index,mid,display_name", "0,/m/a,A", "1,/m/b,B"]);
        var error = Assert.Throws<FormatException>(() => PretrainedNetwork.Open(weights, "cnn10", labels));
        Assert.Contains("2 labels, but the checkpoint's head has 5 classes", error.Message);
    }
}
