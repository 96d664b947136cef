using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get cronjobs</c>: NAME, SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE, AGE (+ CONTAINERS, IMAGES, SELECTOR).</summary>
public sealed class CronJobTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Schedule"), new("Timezone"), new("Suspend", "boolean"), new("Active", "integer"), new("Last Schedule"), new("Age"),
        new("Containers", Priority: 1), new("Images", Priority: 1), new("Selector", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var last = status?["lastScheduleTime"] is null ? Cell.None : Cell.Since(status["lastScheduleTime"], now);
        var jobSpec = spec?["jobTemplate"]?["spec"];
        var containers = Cell.Items(jobSpec?["template"]?["spec"]?["containers"]).ToList();
        return
        [
            Cell.Name(obj), Cell.Str(spec?["schedule"]), Cell.OrNone(Cell.Str(spec?["timeZone"])), Cell.Bool(spec?["suspend"]) ? "True" : "False",
            Cell.Items(status?["active"]).Count(), last, Cell.Age(obj, now),
            Cell.Join(containers.Select(c => Cell.Str(c["name"]))), Cell.Join(containers.Select(c => Cell.Str(c["image"]))),
            Cell.OrNone(LabelSelector.FromJson(jobSpec?["selector"]).ToString()),
        ];
    }
}
