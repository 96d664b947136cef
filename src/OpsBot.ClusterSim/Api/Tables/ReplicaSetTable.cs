using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get replicasets</c>: NAME, DESIRED, CURRENT, READY, AGE (+ CONTAINERS, IMAGES, SELECTOR).</summary>
public sealed class ReplicaSetTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Age"),
        new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var desired = obj["spec"]?["replicas"] is null ? 1 : Cell.Int(obj["spec"]?["replicas"]);
        var status = obj["status"];
        return
        [
            Cell.Name(obj), desired, Cell.Int(status?["replicas"]), Cell.Int(status?["readyReplicas"]), Cell.Age(obj, now),
            .. WorkloadCells.Wide(obj),
        ];
    }
}
