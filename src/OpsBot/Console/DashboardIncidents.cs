using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterObjects;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Metrics;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Console;

/// <summary>
/// The dashboard's incidents panel (<c>GET /api/dashboard/incidents</c>): the open incidents, most severe first (id, title,
/// state, severity, commander, age, when the next stakeholder update is due and whether it is overdue), and MTTA/MTTR over
/// the incidents declared in the last 30 days (<see cref="IncidentMetrics"/>; cancelled false alarms are not counted).
/// Titles are returned as the text people typed: the page writes them with <c>textContent</c>, never as HTML.
/// </summary>
public sealed class DashboardIncidents(IncidentService incidents, TimeProvider time)
{
    /// <summary>How far back MTTA/MTTR look.</summary>
    public static readonly TimeSpan MetricsWindow = TimeSpan.FromDays(30);

    // More open incidents than this at once is a bigger problem than a table can show; the count says how many.
    private const int MaxOpen = 100;

    public async Task<JsonObject> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var open = await incidents.ListAsync(IncidentQuery.Open with { Limit = MaxOpen }, cancellationToken).ConfigureAwait(false);
        var recent = await incidents.ListAsync(new IncidentQuery { DeclaredSince = now - MetricsWindow, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        var metrics = IncidentMetrics.Summarize(recent);
        return new JsonObject
        {
            ["generatedAt"] = Format(now),
            ["open"] = new JsonArray([.. open.OrderBy(incident => incident.Severity).ThenBy(incident => incident.DeclaredAt).Select(incident => (JsonNode)Row(incident, now))]),
            ["metrics"] = new JsonObject
            {
                ["windowDays"] = (int)MetricsWindow.TotalDays,
                ["incidents"] = metrics.Incidents,
                ["acknowledged"] = metrics.Acknowledged,
                ["resolved"] = metrics.Resolved,
                ["mtta"] = metrics.MeanTimeToAcknowledge is { } mtta ? Ages.Format(mtta) : null,
                ["mttr"] = metrics.MeanTimeToResolve is { } mttr ? Ages.Format(mttr) : null,
                ["mttaSeconds"] = metrics.MeanTimeToAcknowledge?.TotalSeconds,
                ["mttrSeconds"] = metrics.MeanTimeToResolve?.TotalSeconds,
            },
        };
    }

    private JsonObject Row(Incident incident, DateTimeOffset now)
    {
        var plan = incidents.PlanOf(incident);
        return new JsonObject
        {
            ["id"] = incident.Id.ToString(),
            ["channel"] = incident.Id.LowerCase,
            ["title"] = incident.Title,
            ["state"] = incident.State.Word(),
            ["severity"] = incident.Severity.Label(),
            ["commander"] = incident.Commander.DisplayName,
            ["declaredAt"] = Format(incident.DeclaredAt),
            ["age"] = Ages.Format(now - incident.DeclaredAt),
            ["nextUpdateDueAt"] = plan.DueAt is { } due ? Format(due) : null,
            ["nextUpdateDue"] = plan.DueAt is { } dueAt ? Due(dueAt, now) : "none expected",
            ["updateOverdue"] = plan.OverdueAt is { } overdue && now >= overdue,
        };
    }

    private static string Due(DateTimeOffset due, DateTimeOffset now) =>
        due > now ? $"in {Ages.Format(due - now)} ({due.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)" : $"due since {Ages.Format(now - due)}";

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
