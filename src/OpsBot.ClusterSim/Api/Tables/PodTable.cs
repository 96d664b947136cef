using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>
/// <c>kubectl get pods</c>: NAME, READY, STATUS, RESTARTS, AGE (+ IP, NODE, NOMINATED NODE, READINESS GATES),
/// with the status logic of kubernetes/pkg/printers/internalversion <c>printPod</c>.
/// </summary>
public sealed class PodTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Ready"), new("Status"), new("Restarts"), new("Age"),
        new("IP", Priority: 1), new("Node", Priority: 1), new("Nominated Node", Priority: 1), new("Readiness Gates", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var summary = PodStatusSummary.Of(obj);
        var restarts = summary.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (summary.Restarts != 0 && summary.LastRestart is { } last)
        {
            restarts = $"{summary.Restarts} ({HumanDuration.Format(now - last)} ago)";
        }

        var ip = Cell.Items(status?["podIPs"]).Select(p => Cell.Str(p["ip"])).FirstOrDefault() ?? Cell.Str(status?["podIP"]);
        var gates = Cell.None;
        var gateList = Cell.Items(spec?["readinessGates"]).ToList();
        if (gateList.Count > 0)
        {
            var conditions = Cell.Items(status?["conditions"]).ToList();
            var ok = gateList.Count(g => conditions.FirstOrDefault(c => Cell.Str(c["type"]) == Cell.Str(g["conditionType"])) is { } c && Cell.Str(c["status"]) == "True");
            gates = $"{ok}/{gateList.Count}";
        }

        return
        [
            Cell.Name(obj), $"{summary.Ready}/{summary.Total}", summary.Reason, restarts, Cell.Age(obj, now),
            Cell.OrNone(ip), Cell.OrNone(Cell.Str(spec?["nodeName"])), Cell.OrNone(Cell.Str(status?["nominatedNodeName"])), gates,
        ];
    }
}
