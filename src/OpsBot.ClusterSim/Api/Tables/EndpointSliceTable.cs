using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get endpointslices</c>: NAME, ADDRESSTYPE, PORTS, ENDPOINTS (all addresses, ready or not; <c>&lt;unset&gt;</c> when empty), AGE.</summary>
public sealed class EndpointSliceTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("AddressType"), new("Ports"), new("Endpoints"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var ports = Cell.Items(obj["ports"]).Select(p => p["port"] is not null ? Cell.Int(p["port"]).ToString(CultureInfo.InvariantCulture) : p["name"] is not null ? Cell.Str(p["name"]) : "*");
        var addresses = Cell.Items(obj["endpoints"]).SelectMany(e => (e["addresses"] as JsonArray ?? []).Select(a => Cell.Str(a)));
        return [Cell.Name(obj), Cell.Str(obj["addressType"]), WithMore([.. ports]), WithMore([.. addresses]), Cell.Age(obj, now)];
    }

    // listWithMoreString: three at most, then "+ N more...", "<unset>" when there is none.
    private static string WithMore(List<string> items) =>
        items.Count == 0 ? "<unset>"
        : items.Count > 3 ? $"{string.Join(",", items.Take(3))} + {(items.Count - 3).ToString(CultureInfo.InvariantCulture)} more..."
        : string.Join(",", items);
}
