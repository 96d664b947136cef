using System.Net;
using k8s;
using k8s.Autorest;

namespace OpsBot.Kubernetes;

/// <summary>
/// Server-side Tables, what <c>kubectl get</c> reads: the API server renders each object's columns (a pod's READY,
/// STATUS, RESTARTS…) and sends a few hundred bytes per row instead of the whole object — a list of 10,000 pods is then
/// a few MB of small rows rather than 50 MB of pods for the official client to build. Paged with <c>limit</c> +
/// <c>continue</c> like every list here; each row carries its object's metadata (<c>includeObject=Metadata</c>) for the
/// namespace and creation time. Sent through the official client's own HTTP chain and credentials (timeouts, retries,
/// token refresh). Null when the server does not answer with a Table (406, another kind, an unknown shape) or the client
/// is not the official one: the caller then lists the typed objects instead.
/// </summary>
public static class ServerTables
{
    /// <summary>The media type kubectl asks for (meta.k8s.io/v1 Table).</summary>
    public const string MediaType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    /// <summary>The pods of <paramref name="namespaceParameter"/> (every namespace when null) as the server's pod Table pages.</summary>
    public static Task<IReadOnlyList<ServerTablePage>?> PodTableAsync(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, int pageSize = PagedList<object>.DefaultPageSize, CancellationToken cancellationToken = default) =>
        client.TableAsync(namespaceParameter is null ? "api/v1/pods" : $"api/v1/namespaces/{Uri.EscapeDataString(namespaceParameter)}/pods", labelSelector, null, pageSize, cancellationToken);

    /// <summary>
    /// Every page of the Table list at <paramref name="path"/> (relative to the API server, e.g. <c>api/v1/pods</c>); when a
    /// continue token expires mid-way (410) the list starts over, once. Null when no Table was served.
    /// </summary>
    public static async Task<IReadOnlyList<ServerTablePage>?> TableAsync(this IKubernetes client, string path, string? labelSelector, string? fieldSelector, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (client is not k8s.Kubernetes kubernetes)
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var pages = new List<ServerTablePage>();
                string? next = null;
                do
                {
                    var page = await PageAsync(kubernetes, Query(path, labelSelector, fieldSelector, pageSize, next), cancellationToken).ConfigureAwait(false);
                    if (page is null)
                    {
                        return null;
                    }

                    pages.Add(page);
                    next = page.Continue;
                }
                while (next is not null);

                return pages;
            }
            catch (HttpOperationException error) when (attempt == 0 && error.IsGone())
            {
                // "The provided continue parameter is too old": start over, once (as PagedList does).
            }
        }
    }

    private static string Query(string path, string? labelSelector, string? fieldSelector, int limit, string? next)
    {
        var query = new List<string> { "includeObject=Metadata", "limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(labelSelector))
        {
            query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
        }

        if (!string.IsNullOrEmpty(fieldSelector))
        {
            query.Add("fieldSelector=" + Uri.EscapeDataString(fieldSelector));
        }

        if (next is not null)
        {
            query.Add("continue=" + Uri.EscapeDataString(next));
        }

        return path.TrimStart('/') + "?" + string.Join('&', query);
    }

    private static async Task<ServerTablePage?> PageAsync(k8s.Kubernetes kubernetes, string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kubernetes.BaseUri, relative));
        request.Headers.TryAddWithoutValidation("Accept", MediaType);
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var response = await kubernetes.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotAcceptable or HttpStatusCode.UnsupportedMediaType)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            // The same error the official client's list would have raised, so callers tell 403/404/410 apart as usual.
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, System.Text.Encoding.UTF8.GetString(body)),
            };
        }

        return ServerTableParser.Parse(body);
    }
}
