using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>New memory limit and request for one container: <c>/k8s set-resources deploy/NAME -c C --memory-limit Q --memory-request Q</c>.</summary>
public sealed record SetResourcesProposal(string Deployment, string Container, string MemoryLimit, string MemoryRequest, CommandScopeSuffix Scope) : ActionProposal
{
    public override string Kind => "raise-memory-limit";

    public override string Label => $"Set {Deployment} memory to {MemoryRequest} request / {MemoryLimit} limit";

    public override IReadOnlyList<ProposedCommand> Commands =>
        [new(Label, $"/k8s set-resources deploy/{Deployment} -c {Container} --memory-limit {MemoryLimit} --memory-request {MemoryRequest}{Scope.Namespaced}")];

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
        json["container"] = Container;
        json["memoryLimit"] = MemoryLimit;
        json["memoryRequest"] = MemoryRequest;
    }
}
