using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>Take a node out of service: <c>/k8s cordon node/NAME</c>, then <c>/k8s drain node/NAME</c>.</summary>
public sealed record CordonDrainProposal(string Node, CommandScopeSuffix Scope) : ActionProposal
{
    public override string Kind => "cordon-drain";

    public override string Label => $"Cordon and drain {Node}";

    public override IReadOnlyList<ProposedCommand> Commands =>
    [
        new($"Cordon {Node}", $"/k8s cordon node/{Node}{Scope.ClusterOnly}"),
        new($"Drain {Node}", $"/k8s drain node/{Node}{Scope.ClusterOnly}"),
    ];

    protected override void WriteFields(JsonObject json) => json["node"] = Node;
}
