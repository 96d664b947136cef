using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get leases</c>: NAME, HOLDER, AGE.</summary>
public sealed class LeaseTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Holder"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [Cell.Name(obj), Cell.Str(obj["spec"]?["holderIdentity"]), Cell.Age(obj, now)];
}
