using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get deployments</c>: NAME, READY, UP-TO-DATE, AVAILABLE, AGE (+ CONTAINERS, IMAGES, SELECTOR).</summary>
public sealed class DeploymentTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Ready"), new("Up-to-date", "integer"), new("Available", "integer"), new("Age"),
        new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var desired = obj["spec"]?["replicas"] is null ? 1 : Cell.Int(obj["spec"]?["replicas"]);
        var status = obj["status"];
        return
        [
            Cell.Name(obj), $"{Cell.Int(status?["readyReplicas"])}/{desired}", Cell.Int(status?["updatedReplicas"]), Cell.Int(status?["availableReplicas"]), Cell.Age(obj, now),
            .. WorkloadCells.Wide(obj),
        ];
    }
}
