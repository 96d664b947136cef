using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get endpoints</c>: NAME, ENDPOINTS (ready addresses with their ports, three at most, <c>&lt;none&gt;</c> without subsets), AGE.</summary>
public sealed class EndpointsTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Endpoints"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) => [Cell.Name(obj), Format(obj), Cell.Age(obj, now)];

    // printers.formatEndpoints: only ready addresses are listed, so a Service whose pods are all unready shows nothing.
    private static string Format(JsonObject endpoints)
    {
        var subsets = Cell.Items(endpoints["subsets"]).ToList();
        if (subsets.Count == 0)
        {
            return Cell.None;
        }

        const int Max = 3;
        var list = new List<string>();
        var more = false;
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = Cell.Items(subset["addresses"]).Select(a => Cell.Str(a["ip"])).ToList();
            var ports = Cell.Items(subset["ports"]).ToList();
            if (ports.Count == 0)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }

                    list.Add(address);
                }

                continue;
            }

            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }

                    list.Add($"{address}:{Cell.Int(port["port"]).ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }

        var text = string.Join(",", list);
        return more ? $"{text} + {(count - Max).ToString(CultureInfo.InvariantCulture)} more..." : text;
    }
}
