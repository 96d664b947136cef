namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>An action workflow was started for the incident.</summary>
public sealed record WorkflowLinked : TimelineEntry
{
    public required string WorkflowId { get; init; }

    public required string Kind { get; init; }

    public required string Target { get; init; }

    public required string Summary { get; init; }

    public override string Describe() => $"Action requested ({WorkflowId}): {Summary}";
}
