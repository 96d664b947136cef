namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A draft's text was changed.</summary>
public sealed record UpdateEdited : TimelineEntry
{
    public required int Number { get; init; }

    public override string Describe() => $"Update #{Number} edited";
}
