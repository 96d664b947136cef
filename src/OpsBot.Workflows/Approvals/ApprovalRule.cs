namespace OpsBot.Workflows.Approvals;

/// <summary>The approval policy for one workflow, resolved from <see cref="ApprovalOptions"/> when it is requested.</summary>
/// <param name="RequiredApprovals">Distinct approvers needed.</param>
/// <param name="AllowSelfApproval">Whether the requester may approve their own request (four-eyes off).</param>
/// <param name="Expiry">How long the approval window stays open.</param>
/// <param name="BreakGlass">Who may act without approval: <c>none</c>, a permission (<c>act</c>, <c>approve</c>, <c>admin</c>) or <c>role:NAME</c>.</param>
/// <param name="AutoRevert">Revert by itself when verification fails (else offer a Revert button).</param>
public sealed record ApprovalRule(int RequiredApprovals, bool AllowSelfApproval, TimeSpan Expiry, string BreakGlass, bool AutoRevert);
