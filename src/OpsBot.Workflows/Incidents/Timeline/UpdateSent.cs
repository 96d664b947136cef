namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>An approved update reached one stakeholder channel.</summary>
public sealed record UpdateSent : TimelineEntry
{
    public required int Number { get; init; }

    /// <summary><c>slack:C0STATUS</c>.</summary>
    public required string Channel { get; init; }

    public override string Describe() => $"Update #{Number} sent to {Channel}";
}
