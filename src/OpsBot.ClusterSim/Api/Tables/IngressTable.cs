using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get ingress</c>: NAME, CLASS, HOSTS, ADDRESS, PORTS, AGE.</summary>
public sealed class IngressTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
        [new("Name", Format: "name"), new("Class"), new("Hosts"), new("Address"), new("Ports"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var hosts = Cell.Items(spec?["rules"]).Select(r => Cell.Str(r["host"])).Where(h => h.Length > 0).ToList();
        var hostText = hosts.Count == 0 ? "*" : hosts.Count > 3 ? Cell.Join(hosts.Take(3)) + $" + {hosts.Count - 3} more..." : Cell.Join(hosts);
        var address = Cell.Join(Cell.Items(obj["status"]?["loadBalancer"]?["ingress"]).Select(i => Cell.Str(i["ip"]) is { Length: > 0 } ip ? ip : Cell.Str(i["hostname"])));
        var ports = Cell.Items(spec?["tls"]).Any() ? "80, 443" : "80";
        return [Cell.Name(obj), Cell.OrNone(Cell.Str(spec?["ingressClassName"])), hostText, address, ports, Cell.Age(obj, now)];
    }
}
