using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>Give a container the CPU request an HPA computes utilization against: <c>/k8s set-resources deploy/NAME -c C --cpu-request Q</c>.</summary>
public sealed record SetRequestsProposal(string Deployment, string Container, string CpuRequest, CommandScopeSuffix Scope) : ActionProposal
{
    public override string Kind => "set-requests";

    public override string Label => $"Set {Deployment}/{Container} cpu request to {CpuRequest}";

    public override IReadOnlyList<ProposedCommand> Commands =>
        [new(Label, $"/k8s set-resources deploy/{Deployment} -c {Container} --cpu-request {CpuRequest}{Scope.Namespaced}")];

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
        json["container"] = Container;
        json["cpuRequest"] = CpuRequest;
    }
}
