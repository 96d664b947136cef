using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get nodes</c>: NAME, STATUS, ROLES, AGE, VERSION (+ INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME).</summary>
public sealed class NodeTable : ITableConverter
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Status"), new("Roles"), new("Age"), new("Version"),
        new("Internal-IP", Priority: 1), new("External-IP", Priority: 1), new("OS-Image", Priority: 1), new("Kernel-Version", Priority: 1), new("Container-Runtime", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var status = obj["status"];
        var info = status?["nodeInfo"];
        var addresses = Cell.Items(status?["addresses"]).ToList();
        string Address(string type) => addresses.Where(a => Cell.Str(a["type"]) == type).Select(a => Cell.Str(a["address"])).FirstOrDefault() ?? Cell.None;
        string Unknown(JsonNode? n) => Cell.Str(n) is { Length: > 0 } s ? s : "<unknown>";
        return
        [
            Cell.Name(obj), Status(obj), Roles(obj), Cell.Age(obj, now), Cell.Str(info?["kubeletVersion"]),
            Address("InternalIP"), Address("ExternalIP"), Unknown(info?["osImage"]), Unknown(info?["kernelVersion"]), Unknown(info?["containerRuntimeVersion"]),
        ];
    }

    private static string Status(JsonObject node)
    {
        var parts = new List<string>();
        if (Cell.Items(node["status"]?["conditions"]).FirstOrDefault(c => Cell.Str(c["type"]) == "Ready") is { } ready)
        {
            parts.Add(Cell.Str(ready["status"]) == "True" ? "Ready" : "NotReady");
        }
        else
        {
            parts.Add("Unknown");
        }

        if (Cell.Bool(node["spec"]?["unschedulable"]))
        {
            parts.Add("SchedulingDisabled");
        }

        return string.Join(",", parts);
    }

    private static string Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
                {
                    roles.Add(key[RolePrefix.Length..]);
                }
                else if (key == "kubernetes.io/role" && Cell.Str(value).Length > 0)
                {
                    roles.Add(Cell.Str(value));
                }
            }
        }

        return roles.Count == 0 ? Cell.None : Cell.Join(roles);
    }
}
