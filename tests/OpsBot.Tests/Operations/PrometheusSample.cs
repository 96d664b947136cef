using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsBot.Tests.Operations;

/// <summary>One sample of a Prometheus text exposition: series name, labels, value.</summary>
public sealed partial record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Every sample of a scrape (comments and blank lines skipped); fails on a line that is neither.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SamplePattern().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: {line}");
            var labels = LabelPattern().Matches(match.Groups["labels"].Value)
                .ToDictionary(label => label.Groups["name"].Value, label => Regex.Unescape(label.Groups["value"].Value), StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, value));
        }

        return samples;
    }

    /// <summary>Whether every label of <paramref name="wanted"/> has that value here (others may be present).</summary>
    public bool Has(params (string Name, string Value)[] wanted) =>
        wanted.All(label => Labels.TryGetValue(label.Name, out var value) && value == label.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SamplePattern();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPattern();
}
