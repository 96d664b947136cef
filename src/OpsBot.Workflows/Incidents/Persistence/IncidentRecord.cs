namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>
/// An incident as the store keeps it: the columns the store queries by, and the rest (roles, milestones, timeline,
/// updates, reminders) as JSON in <see cref="Data"/>, which only the incident code reads.
/// </summary>
public sealed record IncidentRecord
{
    /// <summary><c>INC-2026-0042</c> (canonical upper case).</summary>
    public required string Id { get; init; }

    /// <summary>The id's year (UTC year of the declaration).</summary>
    public required int Year { get; init; }

    /// <summary>The id's number within its year.</summary>
    public required int Number { get; init; }

    public required string Title { get; init; }

    /// <summary>By name: <c>Sev1</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>By name: <c>Investigating</c>.</summary>
    public required string State { get; init; }

    /// <summary>Optimistic concurrency: 1 when created, +1 on every successful update.</summary>
    public long Version { get; init; } = 1;

    public string? Cluster { get; init; }

    /// <summary>The namespace it is scoped to; empty when none.</summary>
    public required string Namespace { get; init; }

    /// <summary>The commander's key (<c>slack:U0ALICE</c>).</summary>
    public required string Commander { get; init; }

    public required DateTimeOffset DeclaredAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was resolved or cancelled; <see langword="null"/> while open (reopening clears it).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When a cadence reminder is next due (a safety net for a sweeper; the host's jobs ask the incident itself).</summary>
    public DateTimeOffset? NextReminderAt { get; init; }

    /// <summary>The <see cref="IncidentChannel.Key"/>s where it is worked: commands typed there apply to it.</summary>
    public IReadOnlyList<string> ChannelKeys { get; init; } = [];

    /// <summary>Everything else, as JSON.</summary>
    public required string Data { get; init; }
}
