using System.Globalization;
using Hark.Training.Configuration;
using Hark.Training.Features;
using Hark.Training.Inference;
using Hark.Training.Workflows;

namespace Hark.Cli;

/// <summary>Dispatches `hark &lt;command&gt;`: parse, call one workflow of Hark.Training, print. Exit codes: 0 ok, 1 failed, 2 usage.</summary>
public static class CommandLine
{
    private sealed record Command(string Name, string Usage, string Help, string[] ValueOptions, string[] Flags, Func<Arguments, int> Run);

    private static readonly Command[] commands =
    [
        new("demo", "hark demo [--out DIR]",
            "Builds a small synthetic dataset in code, trains the seed recipe on it, evaluates and predicts (no downloads).\n  --out DIR   where the data, run and submission go (default runs/demo)",
            ["out"], [], Demo),
        new("train", "hark train --data CSV|FOLDER --out RUN [--recipe NAME|FILE.yaml] [--set key=value ...]\n       hark train --resume RUN",
            "Trains a model and writes a run directory (config.yaml, model.safetensors, checkpoint, history, metrics.json, report.html).\n"
            + "  --data     metadata CSV (path,label[,split] | path,labels,split | fname,labels | id,input_1..N[,target]) or class folders\n"
            + "  --out      run directory\n"
            + "  --recipe   " + string.Join(", ", RecipeCatalog.Names) + ", or a YAML file (may name one under base:)\n"
            + "  --set      override any configuration key, e.g. --set recipe.epochs=12 --set front_end.n_mels=128 (repeatable)\n"
            + "  --resume   continue an interrupted run from its last finished epoch",
            ["data", "out", "recipe", "set", "resume"], [], Train),
        new("cv", "hark cv --data CSV --out DIR [--folds 5] [--recipe NAME|FILE.yaml] [--set key=value ...]",
            "K-fold cross-validation on the non-test rows (stratified, multilabel-stratified, or grouped with data.group_column):\n"
            + "  one run per fold (DIR/fold-k), out-of-fold predictions (DIR/oof.csv) and scores, and on the test rows the\n"
            + "  per-class rank-averaged fold ensemble weighted by fold scores (DIR/test_ensemble.csv); DIR/cv.json holds every figure",
            ["data", "out", "folds", "recipe", "set"], [], CrossValidate),
        new("features", "hark features --data CSV|FOLDER [--recipe NAME|FILE.yaml] [--set key=value ...] [--cache DIR|none] [--fail-on-bad]",
            "Pre-computes the feature cache that train, cv, eval and predict read, with the front end the recipe and --set give.\n"
            + "  --cache        cache folder (default: data.cache_dir, auto = .hark-cache beside the data)\n"
            + "  --fail-on-bad  stop at the first unreadable file instead of reporting and skipping it",
            ["data", "recipe", "set", "cache"], ["fail-on-bad"], Features),
        new("eval", "hark eval RUN DATA [--solution SOLUTION.csv]",
            "Scores a run on labelled data (or unlabelled data plus a Kaggle-style solution CSV) and prints the metrics as JSON.",
            ["solution"], [], Eval),
        new("predict", "hark predict RUN[,RUN...] INPUT [--out FILE.csv] [--ensemble mean|rank] [--weights w1,w2,...] [--top-k K] [--tta-crops K] [--tta-perturbations N] [--probabilities] [--skip-bad] [--cache DIR|none]",
            "Predicts a CSV, a folder of audio files or one file, in input order. One file prints the top-k classes with confidences.\n"
            + "  several runs (comma-separated) are ensembled by mean or per-class rank averaging, optionally weighted\n"
            + "  --cache DIR|none  feature cache for a CSV or folder input (default auto: .hark-cache beside the input)",
            ["out", "ensemble", "weights", "top-k", "tta-crops", "tta-perturbations", "cache"], ["probabilities", "skip-bad"], Predict),
    ];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: hark <command> [options]    (hark <command> --help for details)\n");
            foreach (var c in commands) Console.WriteLine($"  {c.Name,-9} {c.Help.Split('\n')[0]}");
            return args.Length == 0 ? 2 : 0;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"hark: unknown command '{args[0]}'; commands: {string.Join(", ", commands.Select(c => c.Name))}");
            return 2;
        }
        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine($"usage: {command.Usage}\n\n{command.Help}");
            return 0;
        }
        try
        {
            var parsed = Arguments.Parse(command.Name, args[1..], command.ValueOptions.ToHashSet(), command.Flags.ToHashSet());
            return command.Run(parsed);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (e is ConfigException or FileNotFoundException or DirectoryNotFoundException or FormatException
                                      or InvalidDataException or Hark.Data.DataProblemsException or Hark.Audio.AudioDecodeException)
        {
            Console.Error.WriteLine($"hark {command.Name}: {e.Message}");
            return 1;
        }
    }

    private static int Demo(Arguments a)
    {
        var folder = a.Value("out") ?? Path.Combine("runs", "demo");
        var summary = DemoWorkflow.Run(folder, new ConsoleProgress());
        Console.WriteLine();
        Console.WriteLine($"test metrics: {Format(summary.Training.TestMetrics)}");
        Console.WriteLine($"run:        {summary.Training.Run.Path}");
        Console.WriteLine($"report:     {summary.Training.Run.Report}");
        Console.WriteLine($"submission: {Path.GetFullPath(summary.Submission)}");
        return 0;
    }

    private static int Train(Arguments a)
    {
        var resume = a.Value("resume");
        var request = resume is not null
            ? new TrainRequest(null, resume, null, [], Resume: true)
            : new TrainRequest(a.Required("train", "data"), a.Required("train", "out"), a.Value("recipe"), a.All("set"), Resume: false);
        var summary = TrainWorkflow.Run(request, new ConsoleProgress());
        Console.WriteLine($"best epoch {summary.Outcome.BestEpoch}; test: {Format(summary.TestMetrics)}");
        Console.WriteLine($"run: {summary.Run.Path} (report: {summary.Run.Report})");
        return 0;
    }

    private static int CrossValidate(Arguments a)
    {
        var request = new CvRequest(a.Required("cv", "data"), a.Required("cv", "out"), a.Int("cv", "folds", 5), a.Value("recipe"), a.All("set"));
        var summary = CvWorkflow.Run(request, new ConsoleProgress());
        for (int k = 0; k < summary.FoldValidation.Count; k++)
            Console.WriteLine($"fold {k + 1}: validation {Format(summary.FoldValidation[k])}");
        Console.WriteLine($"out-of-fold: {Format(summary.OutOfFold)}");
        if (summary.FoldTest.Count > 0 && summary.FoldTest[0].Count > 0)
        {
            var mean = summary.FoldTest[0].Keys.ToDictionary(key => key, key => summary.FoldTest.Average(f => f[key]));
            Console.WriteLine($"test, mean single fold: {Format(mean)}");
            Console.WriteLine($"test, rank-averaged ensemble: {Format(summary.EnsembleTest)}");
        }
        return 0;
    }

    private static int Features(Arguments a)
    {
        var request = new FeaturesRequest(a.Required("features", "data"), a.Value("recipe"), a.All("set"), a.Value("cache"), a.Has("fail-on-bad"));
        CountProgress? progress = null;
        var summary = FeaturesWorkflow.Run(request, Console.WriteLine, total => progress = new CountProgress("features", total));
        progress?.Finish();
        var files = summary.Files;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Files} files: {files.CacheHits} already cached, {files.Computed} computed, {files.Failures.Count} skipped in {summary.Seconds:F1} s; cache {summary.CacheDirectory}"));
        return 0;
    }

    private static int Eval(Arguments a)
    {
        var metrics = EvalWorkflow.Run(a.Positional("eval", 0, "RUN"), a.Positional("eval", 1, "DATA"), a.Value("solution"), Console.Error.WriteLine);
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(metrics, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static int Predict(Arguments a)
    {
        var runs = a.Positional("predict", 0, "RUN").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var input = a.Positional("predict", 1, "INPUT");
        var method = a.Value("ensemble") switch
        {
            null or "mean" => EnsembleMethod.Mean,
            "rank" => EnsembleMethod.Rank,
            var other => throw new UsageException($"hark predict: --ensemble expects mean or rank, got '{other}'"),
        };
        var weights = a.Value("weights")?.Split(',').Select(w => double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new UsageException($"hark predict: --weights expects numbers, got '{w}'")).ToArray();
        int? crops = a.Value("tta-crops") is null ? null : a.Int("predict", "tta-crops", 1);
        int? perturbations = a.Value("tta-perturbations") is null ? null : a.Int("predict", "tta-perturbations", 0);
        var table = PredictWorkflow.Run(new PredictRequest(runs, input, a.Value("out"), method, weights, a.Has("skip-bad"), a.Has("probabilities"), crops, perturbations,
            a.Value("cache") ?? FeatureCacheLocation.Auto), Console.Error.WriteLine);
        if (a.Value("out") is null || table.Ids.Count == 1)
        {
            int k = a.Int("predict", "top-k", 5);
            for (int i = 0; i < table.Ids.Count; i++)
            {
                var top = table.Probabilities[i].Select((p, c) => (p, c)).OrderByDescending(t => t.p).Take(k);
                Console.WriteLine($"{table.Ids[i]}: " + string.Join("  ", top.Select(t => $"{table.Classes[t.c]} {t.p.ToString("F3", CultureInfo.InvariantCulture)}")));
            }
        }
        else
        {
            Console.WriteLine($"wrote {table.Ids.Count} predictions to {a.Value("out")}");
        }
        return 0;
    }

    private static string Format(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Count == 0 ? "(no test rows)" : string.Join("  ", metrics.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
}
