namespace OpsBot.Workflows.Approvals;

/// <summary>
/// One rule of <c>Approvals:Rules</c>: which actions it covers (kinds × namespace globs × risks; an empty
/// list matches all) and the settings it overrides (unset ones keep what the defaults and earlier rules say).
/// </summary>
public sealed class ApprovalRuleOptions
{
    /// <summary>Action kinds (<c>rollback</c>, <c>drain</c>); empty: every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>Namespace globs (<c>ecommerce-*</c>); empty: every namespace. Cluster-scoped actions (nodes) have the namespace "" and match only <c>*</c>.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>Plan risks (<c>Low</c>, <c>Medium</c>, <c>High</c>); empty: every risk.</summary>
    public List<string> Risks { get; set; } = [];

    public int? RequiredApprovals { get; set; }

    public bool? AllowSelfApproval { get; set; }

    public TimeSpan? Expiry { get; set; }

    public string? BreakGlass { get; set; }

    public bool? AutoRevert { get; set; }
}
