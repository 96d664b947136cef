namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>Who asks for a revert: a person who pressed Revert, or <see langword="null"/> when the bot reverts by policy.</summary>
public sealed record RevertRequest(Actor? By)
{
    /// <summary>The bot reverting by itself (policy <see cref="Approvals.ApprovalRule.AutoRevert"/>).</summary>
    public static RevertRequest Automatic { get; } = new((Actor?)null);
}
