using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>The fallback table: NAME and AGE.</summary>
public sealed class NameAgeTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) => [Cell.Name(obj), Cell.Age(obj, now)];
}
