using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get hpa</c>: NAME, REFERENCE, TARGETS (<c>cpu: 85%/70%</c>), MINPODS, MAXPODS, REPLICAS, AGE.</summary>
public sealed class HorizontalPodAutoscalerTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Reference"), new("Targets"), new("MinPods"), new("MaxPods", "integer"), new("Replicas", "integer"), new("Age"),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var reference = $"{Cell.Str(spec?["scaleTargetRef"]?["kind"])}/{Cell.Str(spec?["scaleTargetRef"]?["name"])}";
        var minPods = spec?["minReplicas"] is null ? "<unset>" : Cell.Int(spec?["minReplicas"]).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            Cell.Name(obj), reference, Targets(obj), minPods, Cell.Int(spec?["maxReplicas"]), Cell.Int(obj["status"]?["currentReplicas"]), Cell.Age(obj, now),
        ];
    }

    private static string Targets(JsonObject obj)
    {
        var specs = Cell.Items(obj["spec"]?["metrics"]).ToList();
        if (specs.Count == 0)
        {
            return Cell.None;
        }

        var current = Cell.Items(obj["status"]?["currentMetrics"]).ToList();
        var parts = new List<string>();
        for (var i = 0; i < specs.Count && i < 3; i++)
        {
            var metric = specs[i];
            var type = Cell.Str(metric["type"]);
            var source = type switch
            {
                "Resource" => metric["resource"],
                "ContainerResource" => metric["containerResource"],
                "Pods" => metric["pods"],
                "Object" => metric["object"],
                _ => metric["external"],
            };
            var name = Cell.Str(source?["name"]) is { Length: > 0 } n ? n : Cell.Str(source?["metric"]?["name"]);
            var target = source?["target"];
            var matching = current.FirstOrDefault(c => Cell.Str(c["type"]) == type
                && (Cell.Str(c[char.ToLowerInvariant(type[0]) + type[1..]]?["name"]) == name || Cell.Str(c[char.ToLowerInvariant(type[0]) + type[1..]]?["metric"]?["name"]) == name));
            var currentValue = matching?[char.ToLowerInvariant(type[0]) + type[1..]]?["current"];
            string text;
            if (target?["averageUtilization"] is not null)
            {
                var now = currentValue?["averageUtilization"] is null ? "<unknown>" : $"{Cell.Int(currentValue["averageUtilization"])}%";
                text = $"{now}/{Cell.Int(target["averageUtilization"])}%";
            }
            else
            {
                var key = target?["averageValue"] is not null ? "averageValue" : "value";
                var now = currentValue?[key] is null ? "<unknown>" : Cell.Str(currentValue[key]);
                text = $"{now}/{Cell.Str(target?[key])}";
                if (key == "averageValue" && type == "Object")
                {
                    text += " (avg)";
                }
            }

            parts.Add(type is "Resource" or "ContainerResource" ? $"{name}: {text}" : text);
        }

        var result = string.Join(", ", parts);
        return specs.Count > 3 ? $"{result} + {specs.Count - 3} more..." : result;
    }
}
