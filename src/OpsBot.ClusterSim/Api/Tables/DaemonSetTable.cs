using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get daemonsets</c>: NAME, DESIRED, CURRENT, READY, UP-TO-DATE, AVAILABLE, NODE SELECTOR, AGE (+ CONTAINERS, IMAGES, SELECTOR).</summary>
public sealed class DaemonSetTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Up-to-date", "integer"),
        new("Available", "integer"), new("Node Selector"), new("Age"),
        new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var status = obj["status"];
        return
        [
            Cell.Name(obj), Cell.Int(status?["desiredNumberScheduled"]), Cell.Int(status?["currentNumberScheduled"]), Cell.Int(status?["numberReady"]),
            Cell.Int(status?["updatedNumberScheduled"]), Cell.Int(status?["numberAvailable"]), Cell.Labels(obj["spec"]?["template"]?["spec"]?["nodeSelector"]), Cell.Age(obj, now),
            .. WorkloadCells.Wide(obj),
        ];
    }
}
