using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get configmaps</c>: NAME, DATA, AGE.</summary>
public sealed class ConfigMapTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Data", "integer"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [Cell.Name(obj), ((obj["data"] as JsonObject)?.Count ?? 0) + ((obj["binaryData"] as JsonObject)?.Count ?? 0), Cell.Age(obj, now)];
}
