using System.Globalization;
using System.Text;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>One scenario's figures: the commands' tally, the approved actions and how often each ran, the bot's RSS.</summary>
internal sealed record ScenarioResult
{
    public required string Name { get; init; }

    public required DrillTally Tally { get; init; }

    /// <summary>Workflows approved in the drill and the audit's count of executions of each.</summary>
    public IReadOnlyDictionary<string, int> Executions { get; init; } = new Dictionary<string, int>();

    /// <summary>Each approved workflow's final state.</summary>
    public IReadOnlyDictionary<string, string> WorkflowStates { get; init; } = new Dictionary<string, string>();

    /// <summary>RSS samples (MB) in order; the first after the warm-up.</summary>
    public IReadOnlyList<double> Rss { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public int RanTwice => Executions.Values.Count(count => count > 1);

    public int RanOnce => Executions.Values.Count(count => count == 1);

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"commands: {Tally}");
        if (Executions.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"approved actions: {Executions.Count}, ran once {RanOnce}, ran twice or more {RanTwice}, not run {Executions.Values.Count(count => count == 0)}; final states: {string.Join(", ", WorkflowStates.Values.GroupBy(state => state).Select(group => $"{group.Key} {group.Count()}"))}");
        }

        if (Rss.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"RSS MB: first {Rss[0]:0.0}, max {Rss.Max():0.0}, last {Rss[^1]:0.0} ({Rss.Count} samples: {string.Join(' ', Rss.Select(mb => mb.ToString("0", CultureInfo.InvariantCulture)))})");
        }

        foreach (var (headline, count) in Tally.Headlines.OrderByDescending(pair => pair.Value).Take(12))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {count,5} × {headline}");
        }

        foreach (var note in Notes)
        {
            text.AppendLine("note: " + note);
        }

        return text.ToString();
    }
}
