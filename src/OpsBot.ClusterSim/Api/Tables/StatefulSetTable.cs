using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get statefulsets</c>: NAME, READY (ready/desired), AGE (+ CONTAINERS, IMAGES).</summary>
public sealed class StatefulSetTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Ready"), new("Age"), new("Containers", Priority: 1), new("Images", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var desired = obj["spec"]?["replicas"] is null ? 1 : Cell.Int(obj["spec"]?["replicas"]);
        var wide = WorkloadCells.Wide(obj);
        return [Cell.Name(obj), $"{Cell.Int(obj["status"]?["readyReplicas"])}/{desired}", Cell.Age(obj, now), wide[0], wide[1]];
    }
}
