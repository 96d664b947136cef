using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>A pending request to resolve a SEV1/SEV2, asked by someone other than the commander, waiting for the commander.</summary>
public sealed record ResolveRequest(Actor By, DateTimeOffset At, string? Reason);
