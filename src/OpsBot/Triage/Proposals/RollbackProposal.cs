using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>Roll a deployment back to a revision: <c>/rollback deploy/NAME --to-revision N -n NS</c>.</summary>
public sealed record RollbackProposal(string Deployment, long ToRevision, CommandScopeSuffix Scope) : ActionProposal
{
    public override string Kind => "rollback";

    public override string Label => $"Roll back {Deployment} to revision {ToRevision}";

    public override IReadOnlyList<ProposedCommand> Commands =>
        [new(Label, $"/rollback deploy/{Deployment} --to-revision {ToRevision}{Scope.Namespaced}")];

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
        json["toRevision"] = ToRevision;
    }
}
