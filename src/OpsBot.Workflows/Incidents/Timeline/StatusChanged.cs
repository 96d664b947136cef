using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The incident moved from one state to another.</summary>
public sealed record StatusChanged : TimelineEntry
{
    public required IncidentState From { get; init; }

    public required IncidentState To { get; init; }

    public required IncidentTrigger Trigger { get; init; }

    public string? Reason { get; init; }

    /// <summary>Who asked to resolve, when the commander approved someone's request (<see cref="IncidentTrigger.ApproveResolve"/>).</summary>
    public Actor? RequestedBy { get; init; }

    public override string Describe() => RequestedBy is null
        ? $"{From} → {To}{Because(Reason)}"
        : $"{From} → {To}, asked by {RequestedBy.DisplayName} and approved by the commander{Because(Reason)}";
}
