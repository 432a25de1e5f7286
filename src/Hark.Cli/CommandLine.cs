using System.Reflection;
using Hark.Data;
using System.Globalization;
using Hark.Audio;
using Hark.Serving;
using Hark.Serving.Hosting;
using Hark.Serving.Similarity;
using Hark.Training.Configuration;
using Hark.Features.Extraction;
using Hark.Inference;
using Hark.Onnx.Runtime;
using Hark.Workflows;

namespace Hark.Cli;

/// <summary>
/// Dispatches `hark &lt;command&gt;`: parse, call one workflow of Hark, print. Exit codes: 0 ok, 2 a problem the user can
/// fix (command line, settings, data, files), 1 an internal error; <c>--verbose</c> adds the stack trace to a failure.
/// </summary>
public static class CommandLine
{
    private sealed record Command(string Name, string Usage, string Help, string[] ValueOptions, string[] Flags, Func<Arguments, int> Run);

    private static readonly Command[] commands =
    [
        new("demo", "hark demo [--out DIR]",
            "Builds a small synthetic dataset in code, trains the 'demo' recipe on it, evaluates and predicts (no downloads).\n  --out DIR   where the data, run and submission go (default runs/demo)",
            ["out"], [], Demo),
        new("train", "hark train --data CSV|FOLDER --out RUN [--recipe NAME|FILE.yaml] [--set key=value ...] [--overwrite] [--device cpu|cuda|auto]\n       hark train --resume RUN",
            "Trains a model and writes a run directory (config.yaml, model.safetensors, checkpoint, history, metrics.json, report.html).\n"
            + "  --data     metadata CSV (path,label[,split] | path,labels,split | fname,labels | id,input_1..N[,target]) or class folders\n"
            + "  --out      run directory\n"
            + "  --recipe   " + string.Join(", ", RecipeCatalog.Names) + ", or a YAML file (may name one under base:)\n"
            + "  --set      override any configuration key, e.g. --set recipe.epochs=12 --set front_end.n_mels=128 (repeatable)\n"
            + "  --resume   continue an interrupted run from its last finished epoch\n"
            + "  --overwrite  replace the run already in --out (without it, an --out holding a run is refused)\n"
            + "  --data-root DIR   refuse rows whose files lie outside DIR (same as --set data.root=DIR)\n"
            + DeviceOption.Help,
            ["data", "out", "recipe", "set", "resume", "data-root", "device"], ["overwrite"], Train),
        new("cv", "hark cv --data CSV --out DIR [--folds 5] [--recipe NAME|FILE.yaml] [--set key=value ...] [--overwrite]",
            "K-fold cross-validation on the non-test rows (stratified, multilabel-stratified, or grouped with data.group_column):\n"
            + "  one run per fold (DIR/fold-k), out-of-fold predictions (DIR/oof.csv) and scores, and on the test rows the\n"
            + "  per-class rank-averaged fold ensemble weighted by fold scores (DIR/test_ensemble.csv); DIR/cv.json holds every figure\n"
            + "  --overwrite  replace fold runs already in DIR (without it they are refused)",
            ["data", "out", "folds", "recipe", "set"], ["overwrite"], CrossValidate),
        new("features", "hark features --data CSV|FOLDER [--recipe NAME|FILE.yaml] [--set key=value ...] [--cache DIR|none] [--fail-on-bad] [--max-duration SECONDS]",
            "Pre-computes the feature cache that train, cv, eval and predict read, with the front end the recipe and --set give.\n"
            + "  --cache        cache folder (default: data.cache_dir, auto = the per-user cache; see 'hark cache info')\n"
            + "  --fail-on-bad  stop at the first unreadable file instead of reporting and skipping it\n"
            + "  --max-duration SECONDS  refuse a longer file from its header, before decoding it (like hark serve)",
            ["data", "recipe", "set", "cache", "max-duration"], ["fail-on-bad"], Features),
        new("eval", "hark eval RUN DATA [--solution SOLUTION.csv] [--rows test|val|all] [--cache DIR|none]",
            "Scores a run on labelled data (or unlabelled data plus a Kaggle-style solution CSV) and prints the metrics as JSON.\n"
            + "  DATA     a CSV, class folders, a folder of audio files (with --solution) or one file\n"
            + "  --rows   test (default: the rows whose split is test, or every row when the data has no split column), val or all\n"
            + "  --cache DIR|none  feature cache (default: the per-user cache, see 'hark cache info')",
            ["solution", "rows", "cache"], [], Eval),
        new("predict", "hark predict RUN[,RUN...] INPUT [--out FILE.csv] [--ensemble mean|rank] [--weights w1,w2,...] [--top-k K] [--tta-crops K] [--tta-perturbations N] [--probabilities] [--skip-bad] [--cache DIR|none] [--max-duration SECONDS] [--replace-bad-samples] [--engine hark|onnxruntime] [--device cpu|cuda|auto]",
            "Predicts a CSV, a folder of audio files (flat, nested or class folders) or one file, in input order. One file prints the top-k classes with confidences.\n"
            + "  several runs (comma-separated) are ensembled by mean or per-class rank averaging, optionally weighted\n"
            + "  --cache DIR|none  feature cache for a CSV or folder input (default: the per-user cache, see 'hark cache info')\n"
            + "  --max-duration SECONDS  refuse a longer file from its header, before decoding it (like hark serve)\n"
            + "  --replace-bad-samples   replace NaN, infinite or absurd samples by 0 (a warning names each file) instead of refusing the file\n"
            + EngineHelp
            + "       " + PretrainedCommands.PredictPretrainedUsage + "\n"
            + "  tags with a pretrained PANNs network instead of a run (--weights is then the checkpoint; --labels: PANNs' class_labels_indices.csv;\n"
            + "  --framewise: per-frame probabilities of cnn14-decision-level-att)\n"
            + "       " + PretrainedCommands.PredictForeignUsage + "\n"
            + "  tags with a foreign ONNX model (e.g. a PANNs export) fed the log-mels of a front-end preset (panns32k, ...); its input and outputs are checked\n"
            + DeviceOption.Help,
            ["out", "ensemble", "weights", "top-k", "tta-crops", "tta-perturbations", "cache", "max-duration", "model", "labels", "framewise", "engine", "front-end", "device"], ["probabilities", "skip-bad", "replace-bad-samples"], Predict),
        new("relabel", RelabelCommand.Usage, RelabelCommand.Help, ["data", "out", "keep", "add", "cache"], [], RelabelCommand.Run),
        new("embed", PretrainedCommands.EmbedUsage, PretrainedCommands.EmbedHelp, ["weights", "model", "out", "cache", "engine", "front-end", "device"], [], PretrainedCommands.Embed),
        new("report", "hark report RUN1 [RUN2 ...] [--out compare.html]",
            "Puts several runs side by side on one HTML page: their test metrics and kept epochs, and their curves overlaid.\n"
            + "  each run's own report.html (rewritten after every epoch) has its confusion matrix, ROC/PR curves and mistakes",
            ["out"], [], Report),
        new("cache", "hark cache info|clear [--cache DIR]",
            "Shows or empties the feature cache that train, cv, features, eval and predict fill (content-addressed by audio and front end).\n"
            + "  default: the per-user cache, $XDG_CACHE_HOME/hark/features or ~/.cache/hark/features; --cache DIR names another\n"
            + "  clear removes only the cache's own entries and index",
            ["cache"], [], Cache),
        new("serve", "hark serve RUN [--urls http://127.0.0.1:8080] [--index LIBRARY.idx] [--max-upload-mb 32] [--max-duration 60] [--max-files 16]\n"
            + "           [--request-timeout 30] [--max-batch 32] [--batch-wait-ms 5] [--workers 1] [--engine hark|onnxruntime] [--device cpu|cuda|auto]",
            "Serves a run over HTTP (loopback only unless --urls says otherwise) until Ctrl+C / SIGTERM, then finishes requests in flight.\n"
            + "  POST /v1/predict   multipart files or a raw audio/* body -> top-k classes (multi-label: classes above ?threshold=) and all probabilities\n"
            + "  POST /v1/embed     -> each clip's embedding;  POST /v1/similar?k=5 -> nearest clips of the --index, with cosine similarity\n"
            + "  GET /v1/model, /healthz, /readyz, /openapi.json\n"
            + "  --urls              semicolon-separated addresses to listen on (port 0: any free port)\n"
            + "  --index             an index built by 'hark index' with this run, for /v1/similar\n"
            + "  --max-upload-mb     request bodies over this are refused (by Content-Length) or cut off while streaming\n"
            + "  --max-duration      longest clip accepted, seconds;  --max-files: files per request\n"
            + "  --request-timeout   seconds a request may take in all (503 after)\n"
            + "  --max-batch, --batch-wait-ms, --workers   dynamic batching: clips per forward pass, how long a batch waits for clips being decoded, batches at once\n"
            + EngineHelp
            + DeviceOption.Help,
            ["urls", "index", "max-upload-mb", "max-duration", "max-files", "request-timeout", "max-batch", "batch-wait-ms", "workers", "engine", "device"], [], Serve),
        new("index", "hark index RUN INPUT --out LIBRARY.idx [--engine hark|onnxruntime]",
            "Embeds every audio file of INPUT (a folder, flat or nested, a CSV or one file) with the run's model into a similarity index (format: src/Hark.Serving/Similarity/EmbeddingIndex.cs).\n"
            + "  Re-running on an existing index embeds only new or changed files (by content hash) and drops files that are gone.",
            ["out", "engine"], [], Index),
        new("similar", "hark similar LIBRARY.idx QUERY [-k 5] [--run RUN]",
            "Prints the k clips of an index most similar to QUERY (an audio file), by cosine similarity of embeddings.\n"
            + "  --run   the run that embeds the query (default: the run recorded in the index; its weights must match)",
            ["k", "run"], [], Similar),
        new("export", ExportCommand.Usage, ExportCommand.Help, ["out"], ["with-front-end"], ExportCommand.Run),
    ];

    /// <summary>The package version and, after a '+', the commit it was built from (when built from a git checkout).</summary>
    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static int Run(string[] args)
    {
        OnnxRuntimeEngine.Register();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: hark <command> [options]    (hark <command> --help for details; hark --version; --verbose: stack traces on failure)\n");
            foreach (var c in commands) Console.WriteLine($"  {c.Name,-9} {c.Help.Split('\n')[0]}");
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "--version" or "version")
        {
            Console.WriteLine($"hark {Version}");
            return 0;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            ConsoleOutput.Stderr().Line(($"hark: unknown command '{args[0]}'; commands: {string.Join(", ", commands.Select(c => c.Name))}", Tone.Error));
            return 2;
        }
        bool verbose = args.Contains("--verbose");
        var words = args[1..].Where(a => a != "--verbose").ToArray();
        if (words.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine($"usage: {command.Usage}\n\n{command.Help}");
            return 0;
        }
        try
        {
            var parsed = Arguments.Parse(command.Name, words, command.ValueOptions.ToHashSet(), command.Flags.ToHashSet());
            if (parsed.Value("device") is { } device) DeviceOption.Apply(command.Name, device);
            return command.Run(parsed);
        }
        catch (Exception e)
        {
            return CommandFailure.Report(command.Name, e, verbose, ConsoleOutput.Stderr());
        }
    }

    private static int Demo(Arguments a)
    {
        var folder = a.Value("out") ?? Path.Combine("runs", "demo");
        var output = ConsoleOutput.Stdout();
        var summary = DemoWorkflow.Run(folder, new ConsoleProgress(output));
        output.Line();
        output.Line(($"test metrics: {Format(summary.Training.TestMetrics)}", Tone.Summary));
        output.Line(($"run:        {summary.Training.Run.Path}", Tone.Summary));
        output.Line(($"report:     {summary.Training.Run.Report}", Tone.Summary));
        output.Line(($"submission: {Path.GetFullPath(summary.Submission)}", Tone.Summary));
        output.Line(($"recipe:     {summary.Recipe} ({RecipeCatalog.Describe(summary.Recipe)})", Tone.Summary));
        var data = Path.GetDirectoryName(summary.DataCsv)!;
        output.Line();
        output.Line(("try next:", Tone.Heading));
        var hark = InvocationName();
        output.Line(($"  {hark} train --data {summary.DataCsv} --out runs/my-demo --recipe {summary.Recipe}", Tone.Plain), ("   # the same training, by hand", Tone.Muted));
        output.Line(($"  {hark} eval {summary.Training.Run.Path} {summary.DataCsv}", Tone.Plain), ("                      # score the test rows again", Tone.Muted));
        output.Line(($"  {hark} predict {summary.Training.Run.Path} {Path.Combine(data, "audio")} --out predictions.csv", Tone.Plain), ("   # predict a folder of clips", Tone.Muted));
        return 0;
    }

    /// <summary>How the user started Hark: `hark` from an installed tool (its own executable), `./hark` from the clone's script (which runs the dll through dotnet).</summary>
    private static string InvocationName() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) is "dotnet" or null ? "./hark" : "hark";

    private static int Train(Arguments a)
    {
        var resume = a.Value("resume");
        var request = resume is not null
            ? new TrainRequest(null, resume, null, [], Resume: true)
            : new TrainRequest(a.Required("train", "data"), a.Required("train", "out"), a.Value("recipe"), Overrides(a), Resume: false, Overwrite: a.Has("overwrite"));
        var output = ConsoleOutput.Stdout();
        var summary = TrainWorkflow.Run(request, new ConsoleProgress(output));
        output.Line(($"kept epoch {summary.Outcome.BestEpoch} of {summary.Outcome.History.Count}; test: {Format(summary.TestMetrics)}", Tone.Summary));
        output.Line(($"run: {summary.Run.Path} (report: {summary.Run.Report})", Tone.Summary));
        return 0;
    }

    /// <summary>--max-duration in seconds, or null when not given.</summary>
    private static double? MaxDuration(Arguments a, string command)
    {
        if (a.Value("max-duration") is null) return null;
        double seconds = a.Double(command, "max-duration", 0);
        return seconds > 0 ? seconds : throw new UsageException($"hark {command}: --max-duration expects a positive number of seconds, got {seconds}");
    }

    /// <summary>The --set overrides, with --data-root as the data.root override it stands for.</summary>
    private static IReadOnlyList<string> Overrides(Arguments a) =>
        a.Value("data-root") is { } root ? [.. a.All("set"), $"data.root={root}"] : a.All("set");

    private static int CrossValidate(Arguments a)
    {
        var request = new CvRequest(a.Required("cv", "data"), a.Required("cv", "out"), a.Int("cv", "folds", 5), a.Value("recipe"), a.All("set"), a.Has("overwrite"));
        var output = ConsoleOutput.Stdout();
        var summary = CvWorkflow.Run(request, new ConsoleProgress(output));
        for (int k = 0; k < summary.FoldValidation.Count; k++)
            output.Line(($"fold {k + 1}: validation {Format(summary.FoldValidation[k])}", Tone.Summary));
        output.Line(($"out-of-fold: {Format(summary.OutOfFold)}", Tone.Summary));
        if (summary.FoldTest.Count > 0 && summary.FoldTest[0].Count > 0)
        {
            var mean = summary.FoldTest[0].Keys.ToDictionary(key => key, key => summary.FoldTest.Average(f => f[key]));
            output.Line(($"test, mean single fold: {Format(mean)}", Tone.Summary));
            output.Line(($"test, rank-averaged ensemble: {Format(summary.EnsembleTest)}", Tone.Summary));
        }
        return 0;
    }

    private static int Features(Arguments a)
    {
        var request = new FeaturesRequest(a.Required("features", "data"), a.Value("recipe"), a.All("set"), a.Value("cache"), a.Has("fail-on-bad"), MaxDuration(a, "features"));
        var output = ConsoleOutput.Stdout();
        var summary = FeaturesWorkflow.Run(request, output.Message, new ProgressLine("features", output));
        var files = summary.Files;
        output.Line((string.Create(CultureInfo.InvariantCulture,
            $"{files.Files} files: {files.CacheHits} already cached, {files.Computed} computed, {files.Failures.Count} skipped in {summary.Seconds:F1} s; cache {summary.CacheDirectory}"), Tone.Summary));
        return 0;
    }

    private static int Eval(Arguments a)
    {
        var request = new EvalRequest(a.Positional("eval", 0, "RUN"), a.Positional("eval", 1, "DATA"), a.Value("solution"),
            a.Value("rows") ?? EvalRequest.TestRows, RowsGiven: a.Value("rows") is not null, a.Value("cache") ?? FeatureCacheLocation.Auto);
        var error = ConsoleOutput.Stderr();
        var summary = EvalWorkflow.Run(request, error.Message, what => new ProgressLine(what, error));
        error.Line(($"hark eval: scored {summary.Scored}", Tone.Summary));
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(summary.Metrics, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static int Predict(Arguments a)
    {
        if (a.Value("model") is not null || a.Value("front-end") is not null) return PretrainedCommands.PredictPretrained(a);
        if (a.Value("labels") is not null || a.Value("framewise") is not null)
            throw new UsageException("hark predict: --labels and --framewise go with a pretrained network: --weights W.pth --model NAME");
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
        int? crops = a.Value("tta-crops") is null ? null : a.Int("predict", "tta-crops", TtaConfig.Cover);
        int? perturbations = a.Value("tta-perturbations") is null ? null : a.Int("predict", "tta-perturbations", 0);
        var error = ConsoleOutput.Stderr();
        var table = PredictWorkflow.Run(new PredictRequest(runs, input, a.Value("out"), method, weights, a.Has("skip-bad") ? ProblemPolicy.SkipAndReport : ProblemPolicy.Fail, a.Has("probabilities"), crops, perturbations,
            a.Value("cache") ?? FeatureCacheLocation.Auto, MaxDuration(a, "predict"), a.Has("replace-bad-samples"), Engine(a)), error.Message, what => new ProgressLine(what, error));
        if (a.Value("out") is null || table.Ids.Count == 1)
        {
            int k = a.Int("predict", "top-k", 5);
            for (int i = 0; i < table.Ids.Count; i++)
            {
                var top = ClassScore.Top(table.Probabilities[i], table.Classes, Math.Min(k, table.Classes.Count));
                Console.WriteLine($"{table.Ids[i]}: " + string.Join("  ", top.Select(t => $"{t.Label} {t.Probability.ToString("F3", CultureInfo.InvariantCulture)}")));
            }
        }
        else
        {
            ConsoleOutput.Stdout().Line(($"wrote {table.Ids.Count} predictions to {a.Value("out")}", Tone.Summary));
        }
        return 0;
    }

    private static int Report(Arguments a)
    {
        if (a.Positionals.Count == 0) throw new UsageException("hark report: missing RUN (see 'hark report --help')");
        Console.WriteLine($"report: {ReportWorkflow.Compare(a.Positionals, a.Value("out") ?? ReportWorkflow.DefaultOut)}");
        return 0;
    }

    private static int Cache(Arguments a)
    {
        var action = a.Positional("cache", 0, "info or clear");
        var info = action switch
        {
            "info" => CacheWorkflow.Info(a.Value("cache")),
            "clear" => CacheWorkflow.Clear(a.Value("cache")),
            _ => throw new UsageException($"hark cache: expected info or clear, got '{action}'"),
        };
        string size = (info.Bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
        if (!info.Exists) Console.WriteLine($"{info.Root}: empty (nothing cached yet)");
        else if (action == "clear") Console.WriteLine($"{info.Root}: removed {info.Entries} entries ({size} MiB) of {info.FrontEnds.Count} front end(s)");
        else
        {
            Console.WriteLine($"{info.Root}: {info.Entries} entries, {size} MiB, {info.FrontEnds.Count} front end(s)");
            foreach (var f in info.FrontEnds)
                Console.WriteLine($"  {f.Hash}  {f.Name,-12} {f.Entries,7} entries  {(f.Bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture)} MiB");
        }
        return 0;
    }

    private static int Serve(Arguments a)
    {
        var options = new ServeOptions
        {
            RunDirectory = a.Positional("serve", 0, "RUN"),
            IndexPath = a.Value("index"),
            Urls = (a.Value("urls") ?? "http://127.0.0.1:8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            MaxUploadBytes = (long)(a.Double("serve", "max-upload-mb", 32) * 1024 * 1024),
            MaxDurationSeconds = a.Double("serve", "max-duration", 60),
            MaxFilesPerRequest = a.Int("serve", "max-files", 16),
            RequestTimeout = TimeSpan.FromSeconds(a.Double("serve", "request-timeout", 30)),
            MaxBatchClips = a.Int("serve", "max-batch", 32),
            BatchWait = TimeSpan.FromMilliseconds(a.Double("serve", "batch-wait-ms", 5)),
            InferenceWorkers = a.Int("serve", "workers", 1),
            Engine = Engine(a),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        var server = HarkServer.StartAsync(options, Console.Error.WriteLine).GetAwaiter().GetResult();
        Console.WriteLine($"hark serve: {server.Predictor.Run.Path} ({server.Predictor.Classes.Count} classes) listening on {string.Join(", ", server.Urls)}; Ctrl+C stops");
        server.RunUntilShutdownAsync().GetAwaiter().GetResult();
        Console.WriteLine("hark serve: stopped");
        return 0;
    }

    private const string EngineHelp =
        "  --engine hark|onnxruntime  run the model with Hark's engine (default) or ONNX Runtime (CPU); RUN may also be an .onnx file from 'hark export'\n";

    /// <summary>--engine, checked against the registered engines.</summary>
    internal static string Engine(Arguments a)
    {
        var engine = a.Value("engine") ?? InferenceEngines.Hark;
        if (!InferenceEngines.Names.Contains(engine))
            throw new UsageException($"--engine expects one of {string.Join(", ", InferenceEngines.Names)}, got '{engine}'");
        return engine;
    }

    private static int Index(Arguments a)
    {
        var predictor = InferenceEngines.Load(a.Positional("index", 0, "RUN"), Engine(a));
        var error = ConsoleOutput.Stderr();
        var summary = LibraryIndexer.Build(predictor, a.Positional("index", 1, "INPUT"), a.Required("index", "out"), error.Message,
            new ProgressLine("index", error));
        ConsoleOutput.Stdout().Line(($"{a.Value("out")}: {summary.Index.Entries.Count} clips, {summary.Index.Dimensions} dimensions "
            + $"(added {summary.Added}, updated {summary.Updated}, unchanged {summary.Kept}, removed {summary.Removed}, unreadable {summary.Failed.Count})", Tone.Summary));
        return 0;
    }

    private static int Similar(Arguments a)
    {
        var index = EmbeddingIndex.Read(a.Positional("similar", 0, "LIBRARY.idx"));
        var predictor = Predictor.Load(a.Value("run") ?? index.RunPath);
        if (ModelIdentity.Of(predictor) != index.ModelId)
            throw new InvalidDataException($"{predictor.Run.Path} holds other weights than the ones {a.Positionals[0]} was built with; rebuild the index or pass the right --run");
        var query = a.Positional("similar", 1, "QUERY");
        int k = a.Int("similar", "k", 5);
        if (k < 1) throw new UsageException($"hark similar: -k must be at least 1, got {k}");
        foreach (var neighbour in index.Nearest(predictor.EmbedWaveform(AudioFile.Read(query)), k))
            Console.WriteLine($"{neighbour.Similarity.ToString("F4", CultureInfo.InvariantCulture)}  {neighbour.Path}");
        return 0;
    }

    private static string Format(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Count == 0 ? "(no test rows)" : string.Join("  ", metrics.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
}
