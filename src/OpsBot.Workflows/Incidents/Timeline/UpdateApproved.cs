namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A draft was approved: it goes to the stakeholder channels and the status page.</summary>
public sealed record UpdateApproved : TimelineEntry
{
    public required int Number { get; init; }

    public override string Describe() => $"Update #{Number} approved";
}
