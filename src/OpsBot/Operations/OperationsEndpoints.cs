using k8s;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Clusters;
using OpsBot.Kubernetes;

namespace OpsBot.Operations;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the cluster and every <see cref="IReadinessCheck"/> answer; <see cref="IReadinessDetail"/>s are shown, not waited on), <c>/metrics</c> (the OpenTelemetry Prometheus exporter: docs/OBSERVABILITY.md).</summary>
public static class OperationsEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static async Task<IResult> ReadyAsync(IClusterProvider clusters, [FromServices] IEnumerable<IReadinessCheck> checks, [FromServices] IEnumerable<IReadinessDetail> details, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        string clusterCheck;
        try
        {
            await clusters.GetClient(null).CoreV1.ListNamespaceAsync(limit: 1, cancellationToken: timeout.Token).ConfigureAwait(false);
            clusterCheck = "ok";
        }
        catch (Exception ex) when (ex.IsApiError() || ex is OperationCanceledException or TimeoutException or InvalidOperationException or HttpRequestException or k8s.Exceptions.KubeConfigException)
        {
            clusterCheck = ex is OperationCanceledException ? $"no answer within {ReadinessTimeout.TotalSeconds:0} s" : ex.IsApiError() ? ex.MessageOf() : ex.Message;
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
        var shown = new JsonObject();
        foreach (var detail in details)
        {
            shown[detail.Name] = detail.Describe();
        }

        if (shown.Count > 0)
        {
            body["details"] = shown;
        }

        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
