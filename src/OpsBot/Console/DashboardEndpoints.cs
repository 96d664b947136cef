using Microsoft.AspNetCore.Mvc;

namespace OpsBot.Console;

/// <summary>The dashboard page (<c>/dashboard</c>) and its JSON (<c>GET /api/dashboard</c>, behind the console token).</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", async ([FromServices] ConsoleDashboard dashboard, CancellationToken cancellationToken) =>
                Results.Json(await dashboard.ReadAsync(cancellationToken).ConfigureAwait(false)))
            .AddEndpointFilter<ConsoleTokenFilter>();
        app.MapGet("/dashboard", () => ConsoleAssets.Serve("dashboard.html"));
        app.MapGet("/dashboard.js", () => ConsoleAssets.Serve("dashboard.js"));
        app.MapDashboardIncidentsEndpoints();
        return app;
    }
}
