namespace OpsBot.Workflows.Incidents.Cadence;

/// <summary>
/// When the incident's next stakeholder update is due and when it is overdue; all <see langword="null"/> when none
/// is expected (resolved, closed, cancelled, or a severity without cadence).
/// </summary>
/// <param name="Interval">The severity's cadence.</param>
/// <param name="DueAt">When the next update is due.</param>
/// <param name="OverdueAt">Half an interval after <paramref name="DueAt"/>: the comms lead and the declaring channel are told.</param>
public sealed record CadencePlan(TimeSpan? Interval, DateTimeOffset? DueAt, DateTimeOffset? OverdueAt)
{
    public static CadencePlan None { get; } = new(null, null, null);

    public bool ExpectsUpdates => DueAt is not null;
}
