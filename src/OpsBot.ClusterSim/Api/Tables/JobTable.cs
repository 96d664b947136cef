using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get jobs</c>: NAME, STATUS, COMPLETIONS, DURATION, AGE (+ CONTAINERS, IMAGES, SELECTOR), as printJob computes them.</summary>
public sealed class JobTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Status"), new("Completions"), new("Duration"), new("Age"),
        new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var succeeded = Cell.Int(status?["succeeded"]);
        string completions;
        if (spec?["completions"] is not null)
        {
            completions = $"{succeeded}/{Cell.Int(spec["completions"])}";
        }
        else
        {
            var parallelism = Cell.Int(spec?["parallelism"]);
            completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
        }

        var start = Cell.Time(status?["startTime"]);
        var end = Cell.Time(status?["completionTime"]);
        var duration = start is null ? "" : HumanDuration.Format((end ?? now) - start.Value);
        var containers = Cell.Items(spec?["template"]?["spec"]?["containers"]).ToList();
        return
        [
            Cell.Name(obj), Status(obj), completions, duration, Cell.Age(obj, now),
            Cell.Join(containers.Select(c => Cell.Str(c["name"]))), Cell.Join(containers.Select(c => Cell.Str(c["image"]))),
            Cell.OrNone(LabelSelector.FromJson(spec?["selector"]).ToString()),
        ];
    }

    private static string Status(JsonObject job)
    {
        bool Has(string type) => Cell.Items(job["status"]?["conditions"]).Any(c => Cell.Str(c["type"]) == type && Cell.Str(c["status"]) == "True");
        return Has("Complete") ? "Complete"
            : Has("Failed") ? "Failed"
            : job["metadata"]?["deletionTimestamp"] is not null ? "Terminating"
            : Has("Suspended") ? "Suspended"
            : Has("FailureTarget") ? "FailureTarget"
            : "Running";
    }
}
