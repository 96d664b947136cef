using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Console;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Metrics;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Postmortems;

namespace OpsBot.Incidents;

/// <summary>
/// The incidents over HTTP, behind the console token like the dashboard: <c>GET /api/incidents</c> (open and recent, with
/// the next update due and MTTA/MTTR over 30 days), <c>GET /api/incidents/{id}</c> (the incident with its timeline) and
/// <c>GET /api/incidents/{id}/postmortem.md</c> (the Markdown draft, built from the incident when asked).
/// </summary>
public static class IncidentEndpoints
{
    // The id from the URL is not echoed: it is whatever someone put in a link.
    private const string NotAnId = "That is not an incident id; write it as INC-2026-0042.";

    private static readonly TimeSpan MetricsWindow = TimeSpan.FromDays(30);

    public static string PostmortemPath(IncidentId id) => $"/api/incidents/{id}/postmortem.md";

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").AddEndpointFilter<ConsoleTokenFilter>();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapGet("/{id}/postmortem.md", PostmortemAsync);
        return app;
    }

    private static async Task<IResult> ListAsync([FromServices] IncidentService incidents, [FromServices] TimeProvider time, [FromQuery] bool? open, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listed = await incidents.ListAsync(open == true ? IncidentQuery.Open : new IncidentQuery { LiveSince = now - MetricsWindow }, cancellationToken).ConfigureAwait(false);
        var recent = await incidents.ListAsync(new IncidentQuery { DeclaredSince = now - MetricsWindow, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        var metrics = IncidentMetrics.Summarize(recent);
        return Results.Content(new JsonObject
        {
            ["incidents"] = new JsonArray([.. listed.Select(incident => (JsonNode)Summary(incident, incidents, now))]),
            ["metrics"] = new JsonObject
            {
                ["windowDays"] = (int)MetricsWindow.TotalDays,
                ["mttaSeconds"] = metrics.MeanTimeToAcknowledge?.TotalSeconds,
                ["mttrSeconds"] = metrics.MeanTimeToResolve?.TotalSeconds,
            },
        }.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> GetAsync(string id, [FromServices] IncidentService incidents, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IncidentId.TryParse(id, out var parsed))
        {
            return Results.BadRequest(new { error = NotAnId });
        }

        var incident = await incidents.GetAsync(parsed.ToString(), cancellationToken).ConfigureAwait(false);
        if (incident is null)
        {
            return Results.NotFound(new { error = $"There is no incident {parsed}." });
        }

        var json = Summary(incident, incidents, time.GetUtcNow());
        json["timeline"] = new JsonArray([.. incident.OrderedTimeline.Select(entry => (JsonNode)new JsonObject
        {
            ["at"] = entry.At.ToString("O", CultureInfo.InvariantCulture),
            ["by"] = entry.By?.DisplayName,
            ["kind"] = entry.GetType().Name,
            ["text"] = IncidentCards.Line(entry),
        })]);
        return Results.Content(json.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostmortemAsync(string id, [FromServices] IncidentService incidents, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IncidentId.TryParse(id, out var parsed))
        {
            return Results.BadRequest(new { error = NotAnId });
        }

        var incident = await incidents.GetAsync(parsed.ToString(), cancellationToken).ConfigureAwait(false);
        return incident is null
            ? Results.NotFound(new { error = $"There is no incident {parsed}." })
            : Results.Text(PostmortemDraft.Build(incident, time.GetUtcNow()), "text/markdown; charset=utf-8");
    }

    private static JsonObject Summary(Incident incident, IncidentService incidents, DateTimeOffset now)
    {
        var plan = incidents.PlanOf(incident);
        return new JsonObject
        {
            ["id"] = incident.Id.ToString(),
            ["channel"] = incident.Id.LowerCase,
            ["title"] = incident.Title,
            ["severity"] = incident.Severity.Key(),
            ["state"] = incident.State.Word(),
            ["commander"] = incident.Commander.DisplayName,
            ["communicationsLead"] = incident.CommunicationsLead?.DisplayName,
            ["namespace"] = incident.Namespace,
            ["declaredAt"] = incident.DeclaredAt.ToString("O", CultureInfo.InvariantCulture),
            ["ageSeconds"] = (long)(now - incident.DeclaredAt).TotalSeconds,
            ["nextUpdateDue"] = plan.DueAt?.ToString("O", CultureInfo.InvariantCulture),
            ["channels"] = new JsonArray([.. incident.Channels.Select(channel => (JsonNode)JsonValue.Create(channel.Key))]),
            ["workflows"] = new JsonArray([.. incident.Workflows.Select(workflow => (JsonNode)JsonValue.Create(workflow.WorkflowId))]),
            ["updates"] = new JsonArray([.. incident.Updates.Select(update => (JsonNode)new JsonObject
            {
                ["number"] = update.Number,
                ["status"] = update.Status.ToString().ToLowerInvariant(),
                ["text"] = update.Text,
            })]),
        };
    }
}
