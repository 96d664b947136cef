namespace OpsBot.ClusterSim.Access;

/// <summary>
/// Turns an HTTP request into <see cref="RequestAttributes"/> the way the API server's <c>RequestInfoFactory</c>
/// does: <c>/api/v1/…</c> and <c>/apis/GROUP/VERSION/…</c> with at least a resource are resource requests,
/// everything else (discovery, <c>/healthz</c>, <c>/version</c>) a non-resource path; the verb comes from the
/// method (GET without a name is list or watch, DELETE without one deletecollection); a list or watch with a
/// <c>metadata.name=</c> field selector names that object; a namespace's own URL is in that namespace.
/// </summary>
// https://github.com/kubernetes/apiserver/blob/master/pkg/endpoints/request/requestinfo.go
public static class RequestInfo
{
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    public static RequestAttributes Parse(UserInfo user, string method, string path, Func<string, string?> query)
    {
        var nonResource = new RequestAttributes { User = user, Verb = method.ToLowerInvariant(), Path = path };
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var group = "";
        parts.RemoveAt(0);
        if (path.StartsWith("/apis/", StringComparison.Ordinal))
        {
            if (parts.Count < 3)
            {
                return nonResource;
            }

            group = parts[0];
            parts.RemoveAt(0);
        }

        var version = parts[0];
        parts.RemoveAt(0);
        string verb;
        if (parts[0] is "watch" or "proxy")
        {
            if (parts.Count < 2)
            {
                return nonResource;
            }

            verb = parts[0];
            parts.RemoveAt(0);
        }
        else
        {
            verb = method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (parts[0] == "namespaces" && parts.Count > 1)
        {
            ns = parts[1];
            if (parts.Count > 2 && !NamespaceSubresources.Contains(parts[2]))
            {
                parts = parts[2..];
            }
        }

        var resource = parts[0];
        var name = parts.Count >= 2 ? parts[1] : "";
        var subresource = parts.Count >= 3 && verb != "proxy" ? parts[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = query("watch") is { } watch && watch != "0" && !watch.Equals("false", StringComparison.OrdinalIgnoreCase) ? "watch" : "list";
            name = ExactName(query("fieldSelector")) ?? "";
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes
        {
            User = user,
            Verb = verb,
            IsResourceRequest = true,
            Path = path,
            ApiGroup = group,
            ApiVersion = version,
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };
    }

    /// <summary>The name a field selector pins with <c>metadata.name=x</c> (or <c>==</c>), when it is a valid path segment.</summary>
    private static string? ExactName(string? fieldSelector)
    {
        foreach (var term in (fieldSelector ?? "").Split(','))
        {
            if (term.Contains("!=", StringComparison.Ordinal))
            {
                continue;
            }

            var at = term.IndexOf('=', StringComparison.Ordinal);
            if (at > 0 && term[..at].Trim() == "metadata.name")
            {
                var value = term[(at + 1)..].TrimStart('=').Trim();
                return value is "" or "." or ".." || value.Contains('/', StringComparison.Ordinal) || value.Contains('%', StringComparison.Ordinal) ? null : value;
            }
        }

        return null;
    }
}
