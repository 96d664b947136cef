namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A postmortem draft was written (what closing needs).</summary>
public sealed record PostmortemWritten : TimelineEntry
{
    public string? Location { get; init; }

    public override string Describe() => Location is null ? "Postmortem drafted" : $"Postmortem drafted: {Location}";
}
