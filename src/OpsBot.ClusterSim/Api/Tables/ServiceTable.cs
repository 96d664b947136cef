using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get services</c>: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE (+ SELECTOR).</summary>
public sealed class ServiceTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Type"), new("Cluster-IP"), new("External-IP"), new("Port(s)"), new("Age"), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var type = Cell.Str(spec?["type"]) is { Length: > 0 } t ? t : "ClusterIP";
        var ports = Cell.Items(spec?["ports"]).Select(p =>
        {
            var protocol = Cell.Str(p["protocol"]) is { Length: > 0 } pr ? pr : "TCP";
            var port = Cell.Int(p["port"]);
            return p["nodePort"] is not null && type is "NodePort" or "LoadBalancer" ? $"{port}:{Cell.Int(p["nodePort"])}/{protocol}" : $"{port}/{protocol}";
        }).ToList();
        var selector = spec?["selector"] is JsonObject s ? Cell.Join(s.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Cell.Str(p.Value)}")) : "";
        return
        [
            Cell.Name(obj), type, Cell.OrNone(Cell.Str(spec?["clusterIP"])), ExternalIp(obj, type), ports.Count == 0 ? Cell.None : Cell.Join(ports), Cell.Age(obj, now), Cell.OrNone(selector),
        ];
    }

    private static string ExternalIp(JsonObject obj, string type)
    {
        var spec = obj["spec"];
        var external = spec?["externalIPs"] is JsonArray a ? a.Select(x => Cell.Str(x)).ToList() : [];
        switch (type)
        {
            case "LoadBalancer":
                var ingress = Cell.Items(obj["status"]?["loadBalancer"]?["ingress"]).Select(i => Cell.Str(i["ip"]) is { Length: > 0 } ip ? ip : Cell.Str(i["hostname"])).ToList();
                var all = external.Concat(ingress).ToList();
                return all.Count == 0 ? "<pending>" : Cell.Join(all);
            case "ExternalName":
                return Cell.Str(spec?["externalName"]);
            default:
                return external.Count == 0 ? Cell.None : Cell.Join(external);
        }
    }
}
