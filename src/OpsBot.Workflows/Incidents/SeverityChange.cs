using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>A person changing an incident's severity (<c>/incident severity sev2 "reason"</c>).</summary>
public sealed record SeverityChange(Actor By, IncidentSeverity To, string? Reason);
