using Hark.Audio;
using Hark.Data;
using Hark.Data.Sources;
using Hark.Features.Examples;
using Hark.Features.Extraction;
using Hark.Inference;

namespace Hark.Pretrained;

/// <summary>
/// The clips of an INPUT as a predictor's front end sees them, in input order, the INPUT resolved as every command
/// resolves it (<see cref="InputSource"/>: a CSV, a folder of audio files, or one audio file; labels ignored). A CSV's or
/// folder's features go through the feature cache when the front end gives every clip one length.
/// </summary>
public sealed record ClipInputs(IReadOnlyList<string> Ids, IReadOnlyList<string> Paths, IReadOnlyList<FeatureSet> Clips)
{
    public static ClipInputs Read(Predictor predictor, string input, string cacheDir, Action<string> report)
    {
        if (InputSource.IsSingleFile(input))
            return new([Path.GetFileName(input)], [Path.GetFullPath(input)], [predictor.ClipFeatures(AudioFile.Read(input))]);
        // embedding and tagging need no labels: a folder is every audio file under it, class sub-folders or not
        var dataset = InputSource.Open(input, new DataSourceOptions(), wantLabels: false);
        var paths = dataset.Items.Select(item => item.Path).ToList();
        if (predictor.FrontEndConfig.Length is null)
        {
            // PANNs' front ends keep each clip's own length, as PANNs does; such clips have no common shape to cache or stack
            var perClip = new FeatureSet[dataset.Count];
            Parallel.For(0, dataset.Count, i => perClip[i] = predictor.ClipFeatures(AudioFile.Read(paths[i])));
            return new(dataset.Items.Select(item => item.Id).ToList(), paths, perClip);
        }
        var builder = new ExampleBuilder(predictor.FrontEndConfig, predictor.Config.ImageSize, report, FeatureCacheLocation.Resolve(cacheDir));
        var examples = builder.Build(dataset.Items, dataset, ProblemPolicy.Fail);
        var clips = Enumerable.Range(0, examples.Count).Select(i => examples.Subset([i])).ToList();
        return new(examples.Ids, paths, clips);
    }
}
