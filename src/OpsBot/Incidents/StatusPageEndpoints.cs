using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Incidents;

/// <summary>
/// The public status page: <c>GET /status</c> (HTML) and <c>GET /status.json</c> — the approved stakeholder updates of open
/// incidents and of those that ended in the last 7 days, and nothing else (no drafts, notes, timeline, pods or people).
/// Read-only and without a token on purpose: it says only what an approver released for stakeholders.
/// </summary>
public static class StatusPageEndpoints
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status.json", async ([FromServices] IncidentService incidents, [FromServices] TimeProvider time, CancellationToken cancellationToken) =>
            Results.Content(Json(await PublishedAsync(incidents, time, cancellationToken).ConfigureAwait(false)).ToJsonString(), "application/json; charset=utf-8"));
        app.MapGet("/status", async ([FromServices] IncidentService incidents, [FromServices] TimeProvider time, CancellationToken cancellationToken) =>
            Results.Content(Html(await PublishedAsync(incidents, time, cancellationToken).ConfigureAwait(false)), "text/html; charset=utf-8"));
        return app;
    }

    private static async Task<List<(Incident Incident, List<StakeholderUpdate> Updates)>> PublishedAsync(IncidentService incidents, TimeProvider time, CancellationToken cancellationToken)
    {
        var live = await incidents.ListAsync(new IncidentQuery { LiveSince = time.GetUtcNow() - Window, Limit = 200 }, cancellationToken).ConfigureAwait(false);
        return [.. live
            .Select(incident => (incident, Updates: incident.Updates.Where(update => update.IsReleased).OrderByDescending(update => update.Number).ToList()))
            .Where(entry => entry.Updates.Count > 0)];
    }

    private static JsonObject Json(List<(Incident Incident, List<StakeholderUpdate> Updates)> published) => new()
    {
        ["incidents"] = new JsonArray([.. published.Select(entry => (JsonNode)new JsonObject
        {
            ["id"] = entry.Incident.Id.ToString(),
            ["title"] = entry.Incident.Title,
            ["severity"] = entry.Incident.Severity.Key(),
            ["state"] = entry.Incident.State.Word(),
            ["updates"] = new JsonArray([.. entry.Updates.Select(update => (JsonNode)new JsonObject
            {
                ["number"] = update.Number,
                ["at"] = update.ApprovedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["text"] = update.Text,
            })]),
        })]),
    };

    private static string Html(List<(Incident Incident, List<StakeholderUpdate> Updates)> published)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Status</title>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body><h1>Status</h1>");
        if (published.Count == 0)
        {
            html.Append("<p id=\"all-clear\">No incidents in the last 7 days.</p>");
        }

        foreach (var (incident, updates) in published)
        {
            html.Append("<section class=\"incident\" data-id=\"").Append(WebUtility.HtmlEncode(incident.Id.ToString())).Append("\"><h2>")
                .Append(WebUtility.HtmlEncode($"{incident.Severity.Label()} · {incident.Title}")).Append("</h2><p class=\"state\">")
                .Append(WebUtility.HtmlEncode(IncidentCards.StateLabel(incident.State))).Append("</p>");
            foreach (var update in updates)
            {
                html.Append("<article class=\"update\"><time>").Append(WebUtility.HtmlEncode(IncidentCards.Time(update.ApprovedAt))).Append("</time><p>")
                    .Append(WebUtility.HtmlEncode(update.Text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p></article>");
            }

            html.Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }
}
