using Hark.Data;
using Hark.Inference;
using Hark.Onnx.Export;
using Hark.Onnx.Runtime;
using Hark.Pretrained;
using Hark.Tests.Workflows;
using Hark.Tensors.Serialization;
using Hark.Workflows;
using Microsoft.ML.OnnxRuntime;

namespace Hark.Onnx.Tests;

/// <summary>A tiny run (the demo's four classes, one epoch of seed-audio at width 4), trained once, and its export.</summary>
public sealed class ExportedRun
{
    public ExportedRun()
    {
        OnnxRuntimeEngine.Register();
        Folder = TinyData.Folder();
        Csv = TinyData.SingleLabel(Folder, perClass: 4);
        Run = Path.Combine(Folder, "run");
        TrainWorkflow.Run(new TrainRequest(Csv, Run, "seed-audio", ["recipe.epochs=1", "model.width=4", "recipe.batch_size=8"], Resume: false), new RecordingObserver());
        Onnx = Path.Combine(Folder, "model.onnx");
        Summary = OnnxExport.Export(Run, Onnx);
    }

    public string Folder { get; }
    public string Csv { get; }
    public string Run { get; }
    public string Onnx { get; }
    public OnnxExportSummary Summary { get; }
}

/// <summary>
/// <c>--engine onnxruntime</c> and exported files through Hark's own workflows: predictions and embeddings equal
/// Hark's engine within 1e-4 (TTA included, as the engine replaces only the model), and the errors name what is wrong.
/// </summary>
public sealed class OnnxEngineTests(ExportedRun exported) : IClassFixture<ExportedRun>
{
    [Fact]
    public void TheOnnxRuntimeEngineGivesHarksPredictionsForARun()
    {
        var hark = PredictWorkflow.Run(new PredictRequest([exported.Run], exported.Csv, null), _ => { });
        var ort = PredictWorkflow.Run(new PredictRequest([exported.Run], exported.Csv, null, Engine: OnnxRuntimeEngine.Name), _ => { });
        Assert.Equal(hark.Ids, ort.Ids);
        for (int i = 0; i < hark.Ids.Count; i++) ZooExportTests.AssertClose(hark.Probabilities[i], ort.Probabilities[i], hark.Ids[i]);
    }

    [Fact]
    public void AnExportedFilePredictsInPlaceOfItsRunWithItsClasses()
    {
        // the file carries no TTA settings, so Hark's side runs without TTA too
        var hark = PredictWorkflow.Run(new PredictRequest([exported.Run], exported.Csv, null, TtaCrops: 1, TtaPerturbations: 0), _ => { });
        var file = PredictWorkflow.Run(new PredictRequest([exported.Onnx], exported.Csv, null), _ => { });
        Assert.Equal(hark.Classes, file.Classes);
        Assert.Equal(hark.MultiLabel, file.MultiLabel);
        Assert.Equal(Predictor.Load(exported.Run).Config.Model.Name, InferenceEngines.Load(exported.Onnx).Config.Model.Name);
        for (int i = 0; i < hark.Ids.Count; i++) ZooExportTests.AssertClose(hark.Probabilities[i], file.Probabilities[i], hark.Ids[i]);
        Assert.Equal(["features"], exported.Summary.Inputs);
        Assert.Equal(["logits", "probabilities", "embedding", "classes", "sample_rate"], exported.Summary.Outputs);
        Assert.Contains("Conv", exported.Summary.OpTypes);
    }

    [Fact]
    public void TheClassesAndSampleRateAreAlsoOutputsForRuntimesWithoutMetadata()
    {
        var predictor = Predictor.Load(exported.Run);
        using var session = new InferenceSession(exported.Onnx);
        int frames = predictor.Config.InputShapes![0][2];
        using var features = OrtValue.CreateTensorValueFromMemory(new float[predictor.FrontEndConfig.NMels * frames], [1, 1, predictor.FrontEndConfig.NMels, frames]);
        using var results = session.Run(new RunOptions(), ["features"], [features], ["classes", "sample_rate"]);
        Assert.Equal(predictor.Classes.Names, results[0].GetStringTensorAsArray());
        Assert.Equal([(long)predictor.FrontEndConfig.SampleRate], results[1].GetTensorDataAsSpan<long>().ToArray());
    }

    [Fact]
    public void EmbeddingsWithTheEngineEqualHarks()
    {
        var harkNpy = Path.Combine(exported.Folder, "hark-emb.npy");
        var ortNpy = Path.Combine(exported.Folder, "ort-emb.npy");
        EmbedWorkflow.Run(new EmbedRequest(exported.Csv, harkNpy, exported.Run), _ => { });
        EmbedWorkflow.Run(new EmbedRequest(exported.Csv, ortNpy, exported.Run, Engine: OnnxRuntimeEngine.Name), _ => { });
        var hark = Npy.Load(harkNpy);
        var ort = Npy.Load(ortNpy);
        Assert.Equal(hark.Shape.ToArray(), ort.Shape.ToArray());
        ZooExportTests.AssertClose(hark.ToArray(), ort.ToArray(), "embeddings");
    }

    [Fact]
    public void AnUnknownEngineIsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ConfigException>(() => InferenceEngines.Load(exported.Run, "tensorrt"));
        Assert.Contains("--engine tensorrt", error.Message);
        Assert.Contains(OnnxRuntimeEngine.Name, error.Message);
    }

    [Fact]
    public void AFileThatIsNoOnnxModelIsNamed()
    {
        var bogus = Path.Combine(exported.Folder, "bogus.onnx");
        File.WriteAllText(bogus, "not a model");
        var error = Assert.Throws<InvalidDataException>(() => InferenceEngines.Load(bogus));
        Assert.StartsWith($"{bogus}: ONNX Runtime cannot load it", error.Message);
    }
}
