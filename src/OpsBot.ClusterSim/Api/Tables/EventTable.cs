using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get events</c>: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (+ SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME).</summary>
public sealed class EventTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen"), new("Type"), new("Reason"), new("Object"), new("Subobject", Priority: 1), new("Source", Priority: 1),
        new("Message"), new("First Seen", Priority: 1), new("Count", Priority: 1), new("Name", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var first = obj["firstTimestamp"] is null ? Cell.Since(obj["eventTime"], now) : Cell.Since(obj["firstTimestamp"], now);
        var last = obj["lastTimestamp"] is null ? first : Cell.Since(obj["lastTimestamp"], now);
        var count = Cell.Int(obj["count"]);
        if (obj["series"] is JsonObject series)
        {
            last = Cell.Since(series["lastObservedTime"], now);
            count = Cell.Int(series["count"]);
        }
        else if (count == 0)
        {
            count = 1;
        }

        var involved = obj["involvedObject"];
        var kind = Cell.Str(involved?["kind"]).ToLowerInvariant();
        var name = Cell.Str(involved?["name"]);
        var target = name.Length > 0 ? $"{kind}/{name}" : kind;
        var source = Cell.Str(obj["source"]?["component"]) is { Length: > 0 } component
            ? (Cell.Str(obj["source"]?["host"]) is { Length: > 0 } host ? $"{component}, {host}" : component)
            : Cell.Str(obj["reportingComponent"]);
        return
        [
            last, Cell.Str(obj["type"]), Cell.Str(obj["reason"]), target, Cell.Str(involved?["fieldPath"]), source,
            Cell.Str(obj["message"]).Trim(), first, count, Cell.Name(obj),
        ];
    }
}
