namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// Which OpsBot process drives a workflow's Approved/Executing/Verifying/Reverting steps, until when. Only the
/// holder applies, verifies or reverts; another replica takes over only once the lease lapsed (its holder died).
/// </summary>
/// <param name="Owner">The holding process (host name, process id and a random part: a restart is a new owner).</param>
/// <param name="Until">When the lease lapses unless renewed.</param>
public sealed record RunnerLease(string Owner, DateTimeOffset Until);
