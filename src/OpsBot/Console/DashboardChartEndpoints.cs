using Microsoft.AspNetCore.Mvc;

namespace OpsBot.Console;

/// <summary>The dashboard's charts: <c>GET /api/dashboard/charts</c> (behind the console token) and the script that draws them.</summary>
public static class DashboardChartEndpoints
{
    public static IEndpointRouteBuilder MapDashboardChartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/charts", async ([FromServices] DashboardCharts charts, CancellationToken cancellationToken) =>
                Results.Json(await charts.ReadAsync(cancellationToken).ConfigureAwait(false)))
            .AddEndpointFilter<ConsoleTokenFilter>();
        app.MapGet("/dashboard-charts.js", () => ConsoleAssets.Serve("dashboard-charts.js"));
        return app;
    }
}
