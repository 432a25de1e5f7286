namespace Hark.Cli;

/// <summary>
/// The parsed words of one command: positionals in order, <c>--name value</c> options (repeatable ones keep every
/// value; a one-letter option may be written <c>-k value</c>) and bare <c>--flag</c>s. Each command declares which options take values, so a typo is an error, not a guess.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> values = [];
    private readonly HashSet<string> flags = [];

    public List<string> Positionals { get; } = [];

    public static Arguments Parse(string command, IReadOnlyList<string> words, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var parsed = new Arguments();
        for (int i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length == 2 && word[0] == '-' && valueOptions.Contains(word[1..])) word = "-" + word;
            if (!word.StartsWith("--") || word == "--")
            {
                parsed.Positionals.Add(word);
                continue;
            }
            var name = word[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq > 0 && valueOptions.Contains(name[..eq])) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (flagOptions.Contains(name))
            {
                parsed.flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < words.Count ? words[++i] : throw new UsageException($"hark {command}: --{name} needs a value"));
                if (!parsed.values.TryGetValue(name, out var list)) parsed.values[name] = list = [];
                list.Add(value);
            }
            else
            {
                var known = valueOptions.Concat(flagOptions).Order().Select(o => "--" + o);
                throw new UsageException($"hark {command}: unknown option --{name} (known: {string.Join(", ", known)})");
            }
        }
        return parsed;
    }

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string option) => values.TryGetValue(option, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string option) => values.TryGetValue(option, out var list) ? list : [];

    public string Required(string command, string option) =>
        Value(option) ?? throw new UsageException($"hark {command}: --{option} is required (see 'hark {command} --help')");

    public int Int(string command, string option, int fallback)
    {
        var text = Value(option);
        if (text is null) return fallback;
        return int.TryParse(text, out var v) ? v : throw new UsageException($"hark {command}: --{option} expects a whole number, got '{text}'");
    }

    public double Double(string command, string option, double fallback)
    {
        var text = Value(option);
        if (text is null) return fallback;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : throw new UsageException($"hark {command}: --{option} expects a number, got '{text}'");
    }

    public string Positional(string command, int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException($"hark {command}: missing {what} (see 'hark {command} --help')");
}

/// <summary>The command line was wrong; the message says how. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
