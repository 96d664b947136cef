using Microsoft.AspNetCore.Http;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

/// <summary>Answers in the API server's shapes, and a client pointed at a <see cref="LoopbackServer"/>.</summary>
internal static class ApiResponses
{
    public static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public static string Status(int code, string reason, string message, string? details = null) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}{{(details is null ? "" : ",\"details\":" + details)}}}""";

    public static KubernetesClient CreateClient(this LoopbackServer server, KubernetesClientOptions? options = null) =>
        new(new HttpClient { BaseAddress = server.BaseAddress }, "default", options ?? new KubernetesClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
}
