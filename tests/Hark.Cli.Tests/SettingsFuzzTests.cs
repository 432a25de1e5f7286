using Hark.Tensors;
using Hark.Training.Configuration;

namespace Hark.Cli.Tests;

/// <summary>
/// Random `--set` keys (real ones, typos of them, made-up ones) and values (numbers out of range, words, lists, empty)
/// thrown at `train` and `cv` on data that does not exist: each call must end at once with exit 2 and one paragraph,
/// either about the setting (validation comes before the data) or, for a setting that is fine, about the missing data.
/// </summary>
public class SettingsFuzzTests
{
    private static readonly string[] values =
        ["-1", "0", "1", "0.5", "2", "-0.001", "1e12", "99999999999999999999", "abc", "", "null", "~", "true", "nan", "inf", "[1, 2]", "{a: 1}", "[", "{", "0x10", "1,5", "é", "=", "a=b"];

    [Theory]
    [InlineData("train", 0UL)]
    [InlineData("cv", 1UL)]
    public void RandomSettingsFailFastWithAClearMessage(string command, ulong seed)
    {
        var generator = new Generator(seed);
        var keys = ConfigKeys.All;
        var data = Path.Combine(Path.GetTempPath(), "hark-fuzz-no-data", "metadata.csv");
        var outDir = Path.Combine(Directory.CreateTempSubdirectory("hark-fuzz-").FullName, "out");
        for (int trial = 0; trial < 500; trial++)
        {
            var settings = new List<string>();
            var named = new List<string>();
            int count = 1 + generator.NextInt(3);
            for (int s = 0; s < count; s++)
            {
                var key = Key(keys, generator);
                named.Add(key.Contains('.') ? key[..key.LastIndexOf('.')] : key);
                settings.AddRange(["--set", $"{key}={values[generator.NextInt(values.Length)]}"]);
            }
            var result = Cli.Run([command, "--data", data, "--out", outDir, .. settings]);
            string context = $"hark {command} {string.Join(' ', settings)}";
            Assert.True(result.ExitCode == 2, $"{context}: exit {result.ExitCode}: {result.All}");
            Cli.AssertNoTrace(result);
            var message = result.Error.Trim();
            Assert.True(named.Any(message.Contains) || message.Contains("no such") || message.Contains("not found"),
                $"{context}: the message names neither a setting nor the missing data: {message}");
            Assert.False(Directory.Exists(outDir), $"{context}: wrote {outDir}");
        }
    }

    private static string Key(IReadOnlyList<string> keys, Generator generator)
    {
        var key = keys[generator.NextInt(keys.Count)];
        return generator.NextInt(4) switch
        {
            0 => key.Remove(generator.NextInt(key.Length), 1),
            1 => key + "x",
            2 => "nope." + key,
            _ => key,
        };
    }
}
