using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get controllerrevisions</c>: NAME, CONTROLLER (kind.group/name), REVISION, AGE.</summary>
public sealed class ControllerRevisionTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", Format: "name"), new("Controller"), new("Revision"), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var owner = Cell.Items(obj["metadata"]?["ownerReferences"]).FirstOrDefault(o => Cell.Bool(o["controller"]));
        var controller = "<none>";
        if (owner is not null)
        {
            var apiVersion = Cell.Str(owner["apiVersion"]);
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            controller = $"{Cell.Str(owner["kind"]).ToLowerInvariant()}{(group.Length > 0 ? "." + group : "")}/{Cell.Str(owner["name"])}";
        }

        return [Cell.Name(obj), controller, Cell.Int(obj["revision"]), Cell.Age(obj, now)];
    }
}
