using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Hosting;

namespace OpsBot.Operations;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the cluster and every <see cref="IReadinessCheck"/> answer), <c>/metrics</c> (Prometheus text).</summary>
public static class OperationsEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapGet("/metrics", (OpsBotMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    private static async Task<IResult> ReadyAsync(ClusterConnection cluster, [FromServices] IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        string clusterCheck;
        try
        {
            await cluster.Client.ListNamespaceAsync(new Kubernetes.ListOptions { Limit = 1 }, timeout.Token).ConfigureAwait(false);
            clusterCheck = "ok";
        }
        catch (Exception ex) when (ex is Kubernetes.KubernetesException or OperationCanceledException or TimeoutException or InvalidOperationException or HttpRequestException)
        {
            clusterCheck = ex is OperationCanceledException ? $"no answer within {ReadinessTimeout.TotalSeconds:0} s" : ex.Message;
        }

        var results = new JsonObject { ["cluster"] = clusterCheck };
        var ready = clusterCheck == "ok";
        foreach (var check in checks)
        {
            var result = await check.CheckAsync(timeout.Token).ConfigureAwait(false);
            results[check.Name] = result;
            ready &= result == "ok";
        }

        var body = new JsonObject
        {
            ["status"] = ready ? "ready" : "not ready",
            ["checks"] = results,
        };
        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
