namespace OpsBot.Kubernetes;

/// <summary>What kind of API call a request is, as the retry and timeout policy sees it.</summary>
internal static class KubernetesRequests
{
    /// <summary>A watch or a followed log: a long-lived stream that no per-call timeout may cut and whose body is not buffered.</summary>
    public static bool IsStream(HttpRequestMessage request) =>
        request.RequestUri?.Query is { Length: > 0 } query
        && (query.Contains("watch=true", StringComparison.OrdinalIgnoreCase)
            || query.Contains("watch=1", StringComparison.Ordinal)
            || query.Contains("follow=true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Safe to send twice: the API server changes nothing on a GET or HEAD.</summary>
    public static bool IsRead(HttpRequestMessage request) => request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;

    /// <summary><c>GET /api/v1/nodes/n</c>, for messages.</summary>
    public static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";
}
