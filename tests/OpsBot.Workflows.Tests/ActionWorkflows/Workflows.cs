using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

/// <summary>People and workflows the machine tests use: alice requests, bob, dave and erin approve, carol only looks.</summary>
internal static class Workflows
{
    public static readonly Actor Alice = new("console", "alice", "incident") { Name = "alice" };
    public static readonly Actor Bob = new("console", "bob", "incident") { Name = "bob" };
    public static readonly Actor Dave = new("console", "dave", "incident") { Name = "dave" };
    public static readonly Actor Erin = new("console", "erin", "incident") { Name = "erin" };
    public static readonly Actor Carol = new("console", "carol", "incident") { Name = "carol" };

    public static StubPermissions Permissions() => new StubPermissions()
        .Grant(Alice.Key, WorkflowPermission.Act, WorkflowPermission.Approve)
        .Grant(Bob.Key, WorkflowPermission.Act, WorkflowPermission.Approve)
        .Grant(Dave.Key, WorkflowPermission.Approve)
        .Grant(Erin.Key, WorkflowPermission.Approve);

    public static ApprovalRule Rule(int approvals = 1, bool self = false, string breakGlass = BreakGlassPolicy.Nobody, bool autoRevert = true) =>
        new(approvals, self, TimeSpan.FromMinutes(15), breakGlass, autoRevert);

    public static ActionWorkflow New(ApprovalRule? rule = null, string id = "wf1", Actor? requestedBy = null) => new()
    {
        Id = id,
        Kind = "rollback",
        Cluster = "sim",
        Namespace = "shop",
        Target = "deployment/frontend",
        RequestedBy = requestedBy ?? Alice,
        CreatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Rule = rule ?? Rule(),
        CommandText = "/rollback deploy/frontend -n shop",
        Summary = "Roll back deployment/frontend from revision 5 to revision 4",
        Risk = "Medium",
    };

    public static ManualTimeProvider Clock() => new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
