using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The commander declined a request to resolve (or its requester withdrew it).</summary>
public sealed record ResolveDeclined : TimelineEntry
{
    public required Actor Requester { get; init; }

    public string? Reason { get; init; }

    public override string Describe() => $"Request to resolve by {Requester.DisplayName} declined{Because(Reason)}";
}
