namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>Which incidents to list; newest declared first (ties: the higher number first). Every filter set must hold.</summary>
public sealed record IncidentQuery
{
    /// <summary>Only these states (by name); empty means any.</summary>
    public IReadOnlyCollection<string> States { get; init; } = [];

    /// <summary>Only incidents declared at or after this time (the dashboard's 30 days).</summary>
    public DateTimeOffset? DeclaredSince { get; init; }

    /// <summary>Only incidents still open at or after this time: not ended, or ended at or after it (the status page's 7 days).</summary>
    public DateTimeOffset? LiveSince { get; init; }

    /// <summary>Only incidents whose <see cref="IncidentRecord.NextReminderAt"/> is at or before this time.</summary>
    public DateTimeOffset? ReminderDueBy { get; init; }

    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;

    /// <summary>The open incidents (Declared through Monitoring).</summary>
    public static IncidentQuery Open { get; } = new() { States = [.. IncidentStates.Open.Select(state => state.ToString())] };
}
