namespace OpsBot.Workflows.Approvals;

/// <summary>The approval policy of every action no rule overrides (<c>Approvals:Defaults</c>).</summary>
public sealed class ApprovalDefaults
{
    /// <summary>Distinct approvers needed.</summary>
    /// <value>The default value is 1.</value>
    public int RequiredApprovals { get; set; } = 1;

    /// <summary>Whether the requester may approve their own request.</summary>
    /// <value>The default value is <see langword="false"/> (four-eyes).</value>
    public bool AllowSelfApproval { get; set; }

    /// <summary>How long the approval window stays open.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Who may act without approval (<see cref="BreakGlassPolicy"/>).</summary>
    /// <value>The default value is <c>none</c>.</value>
    public string BreakGlass { get; set; } = BreakGlassPolicy.Nobody;

    /// <summary>Revert by itself when verification fails (else offer a Revert button).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AutoRevert { get; set; } = true;
}
