namespace OpsBot.Telemetry;

/// <summary>
/// The verb and resource of a Kubernetes API request, derived from its method and path the way the API server's
/// RequestInfo does (<c>GET …/pods</c> is <c>list pods</c>, <c>GET …/pods/x/log</c> is <c>get pods/log</c>, <c>POST
/// …/pods/x/eviction</c> is <c>create pods/eviction</c>). Resources of a group carry it: <c>deployments.apps</c>. Object
/// and namespace names are left out, so the labels stay bounded.
/// </summary>
public sealed record KubernetesRequestInfo(string Verb, string Resource, string? Namespace)
{
    public static KubernetesRequestInfo Of(HttpMethod method, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        var segments = (uri?.AbsolutePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /api/v1/… or /apis/GROUP/VERSION/…
        var (group, rest) = segments switch
        {
            ["api", _, .. var tail] => ("", tail),
            ["apis", var g, _, .. var tail] => (g, tail),
            _ => ((string?)null, Array.Empty<string>()),
        };
        if (group is null || rest.Length == 0)
        {
            return new KubernetesRequestInfo(method == HttpMethod.Get ? "get" : method.Method.ToLowerInvariant(), "nonresource", null);
        }

        string? ns = null;
        if (rest is ["namespaces", var name, _, ..])
        {
            ns = name;
            rest = rest[2..];
        }

        var resource = rest[0];
        var objectName = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        var qualified = (group.Length == 0 ? resource : $"{resource}.{group}") + (subresource is null ? "" : "/" + subresource);
        var watch = uri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true;
        var verb = method.Method switch
        {
            "GET" or "HEAD" => watch ? "watch" : objectName is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => objectName is null ? "deletecollection" : "delete",
            _ => method.Method.ToLowerInvariant(),
        };
        return new KubernetesRequestInfo(verb, qualified, ns);
    }
}
