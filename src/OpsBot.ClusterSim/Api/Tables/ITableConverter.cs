using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>Turns one kind's objects into <c>kubectl get</c> rows (the server-side printer of that kind).</summary>
public interface ITableConverter
{
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cells of one row, one per column, computed at <paramref name="now"/> (the virtual clock).</summary>
    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);
}
