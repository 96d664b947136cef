namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A draft was thrown away.</summary>
public sealed record UpdateDiscarded : TimelineEntry
{
    public required int Number { get; init; }

    public string? Reason { get; init; }

    public override string Describe() => $"Update #{Number} discarded{Because(Reason)}";
}
