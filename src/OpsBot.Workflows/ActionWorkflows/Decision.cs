namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>A person's decision with their reason: a rejection (reason optional) or a break-glass (reason mandatory).</summary>
public sealed record Decision(Actor By, string? Reason);
