namespace OpsBot.Workflows.Approvals;

/// <summary>Resolves the <see cref="ApprovalRule"/> of an action: the defaults, then every matching rule in order.</summary>
public sealed class ApprovalPolicy
{
    private readonly ApprovalOptions _options;

    /// <param name="options">Options that passed <see cref="ApprovalOptions.Validate"/>.</param>
    public ApprovalPolicy(ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <param name="kind">The action kind (<c>rollback</c>).</param>
    /// <param name="ns">The namespace; empty for cluster-scoped targets.</param>
    /// <param name="risk"><c>Low</c>, <c>Medium</c> or <c>High</c>.</param>
    public ApprovalRule RuleFor(string kind, string ns, string risk)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(ns);
        var defaults = _options.Defaults;
        var rule = new ApprovalRule(defaults.RequiredApprovals, defaults.AllowSelfApproval, defaults.Expiry, defaults.BreakGlass ?? BreakGlassPolicy.Nobody, defaults.AutoRevert);
        foreach (var candidate in _options.Rules.Where(candidate => Matches(candidate, kind, ns, risk)))
        {
            rule = new ApprovalRule(
                candidate.RequiredApprovals ?? rule.RequiredApprovals,
                candidate.AllowSelfApproval ?? rule.AllowSelfApproval,
                candidate.Expiry ?? rule.Expiry,
                candidate.BreakGlass ?? rule.BreakGlass,
                candidate.AutoRevert ?? rule.AutoRevert);
        }

        return rule;
    }

    private static bool Matches(ApprovalRuleOptions rule, string kind, string ns, string risk) =>
        (rule.Kinds.Count == 0 || rule.Kinds.Contains(kind, StringComparer.Ordinal))
        && (rule.Namespaces.Count == 0 || rule.Namespaces.Any(glob => NamespaceGlob.Matches(glob, ns)))
        && (rule.Risks.Count == 0 || rule.Risks.Contains(risk, StringComparer.OrdinalIgnoreCase));
}
