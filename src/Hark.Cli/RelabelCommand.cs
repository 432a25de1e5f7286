using System.Globalization;
using Hark.Features.Extraction;
using Hark.Workflows;

namespace Hark.Cli;

/// <summary>`hark relabel RUN --data NOISY.csv --out RELABELED.csv [--keep P] [--add P]`.</summary>
internal static class RelabelCommand
{
    public const string Usage = "hark relabel RUN --data NOISY.csv --out RELABELED.csv [--keep 0.5] [--add 0.9] [--cache DIR|none]";

    public const string Help =
        "Cleans noisy labels with a trained teacher run: keeps the labels it supports, adds confident pseudo-labels, writes per-row weights.\n"
        + "  --keep P   a given label stays when the teacher's probability of it is at least P (default 0.5)\n"
        + "  --add P    a class the row lacks is added (multi-label) or replaces an unsupported label (single-label) at probability >= P (default 0.9)\n"
        + "  The output is the CSV with its labels rewritten and a weight column (1 where the labels stand as given), which hark train reads.";

    public static int Run(Arguments a)
    {
        var request = new RelabelRequest(a.Positional("relabel", 0, "RUN"), a.Required("relabel", "data"), a.Required("relabel", "out"),
            a.Double("relabel", "keep", 0.5), a.Double("relabel", "add", 0.9), a.Value("cache") ?? FeatureCacheLocation.Auto);
        var s = RelabelWorkflow.Run(request, ConsoleOutput.Stderr().Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{request.Out}: {s.Rows} rows: {s.Confirmed} confirmed, {s.Changed} changed ({s.LabelsDropped} labels dropped, {s.LabelsAdded} added), {s.DownWeighted} kept with a lower weight"));
        return 0;
    }
}
