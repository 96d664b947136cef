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

    /// <summary>
    /// Side effects that must happen exactly once (a stakeholder update, a check's alert): how many times each reached
    /// its chat channel, and what the bot's store recorded of it (<c>recorded</c> when the store knows it went out).
    /// </summary>
    public IReadOnlyDictionary<string, (int Posted, string Record)> Deliveries { get; init; } = new Dictionary<string, (int Posted, string Record)>();

    /// <summary>Deliveries that did not happen exactly once, or that the store does not know went out.</summary>
    public int DeliveryFaults => Deliveries.Values.Count(delivery => delivery.Posted != 1 || delivery.Record != "recorded");

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

        if (Deliveries.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"exactly-once deliveries: {string.Join("; ", Deliveries.Select(pair => $"{pair.Key}: posted {pair.Value.Posted}, {pair.Value.Record}"))}");
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
