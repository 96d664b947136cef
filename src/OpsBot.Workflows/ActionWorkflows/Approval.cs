namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>One approval given: who and when.</summary>
public sealed record Approval(Actor By, DateTimeOffset At);
