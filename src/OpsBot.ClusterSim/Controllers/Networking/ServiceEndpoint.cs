using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Networking;

/// <summary>One pod behind a Service: its address, readiness and the ports it serves the Service's ports on.</summary>
internal sealed record ServiceEndpoint(JsonObject Pod, string Ip, bool Ready, bool Terminating, IReadOnlyList<EndpointPort> Ports)
{
    /// <summary>The ports as one key, for grouping pods that serve the same ports (RepackSubsets, the slices' port map).</summary>
    public string PortsKey => string.Join(';', Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
}
