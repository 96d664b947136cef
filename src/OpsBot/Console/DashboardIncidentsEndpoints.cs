using Microsoft.AspNetCore.Mvc;

namespace OpsBot.Console;

/// <summary>The dashboard's incidents panel: its JSON (<c>GET /api/dashboard/incidents</c>, behind the console token) and its script.</summary>
public static class DashboardIncidentsEndpoints
{
    public static IEndpointRouteBuilder MapDashboardIncidentsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/incidents", async ([FromServices] DashboardIncidents panel, CancellationToken cancellationToken) =>
                Results.Json(await panel.ReadAsync(cancellationToken).ConfigureAwait(false)))
            .AddEndpointFilter<ConsoleTokenFilter>();
        app.MapGet("/dashboard-incidents.js", () => ConsoleAssets.Serve("dashboard-incidents.js"));
        return app;
    }
}
