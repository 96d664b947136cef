using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get namespaces</c>: NAME, STATUS, AGE.</summary>
public sealed class NamespaceTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Status"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [Cell.Name(obj), Cell.Str(obj["status"]?["phase"], "Active") is { Length: > 0 } p ? p : "Active", Cell.Age(obj, now)];
}
