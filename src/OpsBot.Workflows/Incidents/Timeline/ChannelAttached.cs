namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The incident got a channel or thread to be worked in.</summary>
public sealed record ChannelAttached : TimelineEntry
{
    public required IncidentChannel Channel { get; init; }

    public override string Describe() => Channel.ThreadId is null ? $"Incident channel: {Channel.Key}" : $"Incident thread: {Channel.Key}";
}
