namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>What the runner reports when the change landed, and how long verification may take from now.</summary>
public sealed record ExecutionReport(string Detail, TimeSpan VerificationDeadline);
