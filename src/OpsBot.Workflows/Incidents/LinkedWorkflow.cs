namespace OpsBot.Workflows.Incidents;

/// <summary>An action workflow started for an incident (a rollback pressed in its channel): the card lists them.</summary>
/// <param name="WorkflowId">The action workflow's id.</param>
/// <param name="Kind"><c>rollback</c>, <c>scale-hpa</c>, …</param>
/// <param name="Target"><c>deployment/frontend</c>.</param>
/// <param name="Summary">The plan's one line.</param>
/// <param name="LinkedAt">When it was linked.</param>
public sealed record LinkedWorkflow(string WorkflowId, string Kind, string Target, string Summary, DateTimeOffset LinkedAt);
