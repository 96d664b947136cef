using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get pdb</c>: NAME, MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS, AGE.</summary>
public sealed class PodDisruptionBudgetTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Min Available"), new("Max Unavailable"), new("Allowed Disruptions", "integer"), new("Age"),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        return
        [
            Cell.Name(obj), spec?["minAvailable"] is null ? "N/A" : Cell.Str(spec["minAvailable"]), spec?["maxUnavailable"] is null ? "N/A" : Cell.Str(spec["maxUnavailable"]),
            Cell.Int(obj["status"]?["disruptionsAllowed"]), Cell.Age(obj, now),
        ];
    }
}
