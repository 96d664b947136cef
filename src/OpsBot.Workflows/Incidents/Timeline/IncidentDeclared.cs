using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The incident was declared.</summary>
public sealed record IncidentDeclared : TimelineEntry
{
    public required string Title { get; init; }

    public required IncidentSeverity Severity { get; init; }

    public required Actor Commander { get; init; }

    public override string Describe() => $"Declared {Severity.Label()} \"{Title}\"; commander {Commander.DisplayName}";
}
