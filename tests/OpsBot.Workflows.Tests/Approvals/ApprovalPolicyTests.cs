using OpsBot.Workflows.Approvals;

namespace OpsBot.Workflows.Tests.Approvals;

public sealed class ApprovalPolicyTests
{
    [Fact]
    public void RuleFor_NoRules_IsTheDefaults()
    {
        var rule = new ApprovalPolicy(new ApprovalOptions()).RuleFor("rollback", "shop", "Medium");

        Assert.Equal(new ApprovalRule(1, false, TimeSpan.FromMinutes(15), "none", AutoRevert: true), rule);
    }

    [Fact]
    public void RuleFor_MatchingRulesApplyInOrder_LaterWin()
    {
        var options = new ApprovalOptions
        {
            Defaults = { BreakGlass = "admin" },
            Rules =
            [
                new() { Kinds = ["drain"], RequiredApprovals = 2 },
                new() { Namespaces = ["*-staging"], AllowSelfApproval = true, RequiredApprovals = 1 },
                new() { Risks = ["High"], Namespaces = ["payments-*"], RequiredApprovals = 3, AutoRevert = false, Expiry = TimeSpan.FromMinutes(5) },
            ],
        };
        var policy = new ApprovalPolicy(options);

        Assert.Equal(new ApprovalRule(2, false, TimeSpan.FromMinutes(15), "admin", true), policy.RuleFor("drain", string.Empty, "High"));
        Assert.Equal(new ApprovalRule(1, true, TimeSpan.FromMinutes(15), "admin", true), policy.RuleFor("drain", "shop-staging", "Low"));
        Assert.Equal(new ApprovalRule(3, false, TimeSpan.FromMinutes(5), "admin", false), policy.RuleFor("rollback", "payments-prod", "High"));
        Assert.Equal(new ApprovalRule(1, false, TimeSpan.FromMinutes(15), "admin", true), policy.RuleFor("rollback", "payments-prod", "Medium"));
    }

    [Fact]
    public void Validate_Defaults_AreFine()
    {
        Assert.Empty(new ApprovalOptions().Validate());
    }

    [Fact]
    public void Validate_BadSettings_SayWhatToFix()
    {
        var options = new ApprovalOptions
        {
            Defaults = { RequiredApprovals = 0, Expiry = TimeSpan.FromSeconds(5), BreakGlass = "everyone" },
            Rules = [new() { Kinds = ["Roll Back"], Namespaces = ["Shop_*"], Risks = ["Critical"], RequiredApprovals = 11 }],
            VerificationInterval = TimeSpan.Zero,
        };

        var failures = options.Validate();

        Assert.Equal(
            [
                "Approvals:Defaults:RequiredApprovals is 0; use 1 to 10.",
                "Approvals:Defaults:Expiry is 00:00:05; use between 00:01:00 and 7.00:00:00 (e.g. \"00:15:00\").",
                "Approvals:Defaults:BreakGlass: \"everyone\" is not a break-glass policy; use \"none\", a permission (\"act\", \"approve\", \"admin\") or \"role:NAME\".",
                "Approvals:Rules:0:Kinds has \"Roll Back\"; an action kind is lower case, e.g. \"rollback\" or \"scale-hpa\".",
                "Approvals:Rules:0:Namespaces has \"Shop_*\"; use a namespace or a glob of lower case letters, digits, '-', '.' and '*', e.g. \"ecommerce-*\".",
                "Approvals:Rules:0:Risks has \"Critical\"; use Low, Medium, High.",
                "Approvals:Rules:0:RequiredApprovals is 11; use 1 to 10.",
                "Approvals:VerificationInterval is 00:00:00; use between 00:00:00.010 and 00:05:00 (e.g. \"00:00:05\").",
            ],
            failures);
    }

    [Fact]
    public void Validate_RunnerLeaseShorterThanTwoVerificationLooks_SaysWhatToFix()
    {
        var options = new ApprovalOptions { VerificationInterval = TimeSpan.FromSeconds(20), RunnerLease = TimeSpan.FromSeconds(30) };

        Assert.Equal(
            ["Approvals:RunnerLease is 00:00:30; use between 00:00:01 and 00:30:00 and at least twice VerificationInterval (e.g. \"00:00:40\")."],
            options.Validate());
    }
}
