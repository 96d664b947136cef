using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>A rolling restart: <c>/k8s restart deploy/NAME</c>.</summary>
public sealed record RestartProposal(string Deployment, CommandScopeSuffix Scope) : ActionProposal
{
    public override string Kind => "restart";

    public override string Label => $"Restart {Deployment}";

    public override IReadOnlyList<ProposedCommand> Commands => [new(Label, $"/k8s restart deploy/{Deployment}{Scope.Namespaced}")];

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
    }
}
