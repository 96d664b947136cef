using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get secrets</c>: NAME, TYPE, DATA, AGE.</summary>
public sealed class SecretTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Type"), new("Data", "integer"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [Cell.Name(obj), Cell.Str(obj["type"], "Opaque") is { Length: > 0 } t ? t : "Opaque", (obj["data"] as JsonObject)?.Count ?? 0, Cell.Age(obj, now)];
}
