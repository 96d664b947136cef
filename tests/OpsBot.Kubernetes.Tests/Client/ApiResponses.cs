using k8s;
using Microsoft.AspNetCore.Http;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

/// <summary>Answers in the API server's shapes, and an official client (with OpsBot's chain) pointed at a <see cref="LoopbackServer"/>.</summary>
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

    /// <summary>A client over plain HTTP; retries come quickly so that tests do not wait.</summary>
    public static IKubernetes CreateClient(this LoopbackServer server, KubernetesResilienceOptions? options = null, params DelegatingHandler[] handlers) =>
        KubernetesClients.Create(
            new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() },
            options ?? new KubernetesResilienceOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) },
            handlers);
}
