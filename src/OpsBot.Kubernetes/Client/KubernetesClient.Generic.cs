using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes;

// Generic operations on any resource; the typed ones (ListNamespacedPodAsync, …) are one-line wrappers.
public sealed partial class KubernetesClient
{
    public Task<T> GetAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, string name, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T> =>
        SendAsync(HttpMethod.Get, resource.ItemPath(namespaceParameter, name), KubernetesJson.TypeInfo<T>(), cancellationToken: cancellationToken);

    /// <summary>One page of a list (all namespaces when <paramref name="namespaceParameter"/> is null).</summary>
    public Task<TList> ListAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T>
    {
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendAsync(HttpMethod.Get, resource.CollectionPath(namespaceParameter) + query, KubernetesJson.TypeInfo<TList>(), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Every item, page by page (<c>limit</c> + <c>continue</c>), as they arrive. An expired
    /// continue token surfaces as <see cref="KubernetesGoneException"/>: items already yielded cannot be taken back.
    /// </summary>
    public async IAsyncEnumerable<T> ListItemsAsync<T, TList>(
        ResourceDefinition<T, TList> resource, string? namespaceParameter, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T>
    {
        var page = (options ?? new ListOptions()) with { Limit = options?.Limit ?? Options.PageSize, Continue = null };
        do
        {
            var list = await ListAsync(resource, namespaceParameter, page, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items)
            {
                yield return item;
            }

            page = page with { Continue = string.IsNullOrEmpty(list.Metadata?.Continue) ? null : list.Metadata.Continue };
        }
        while (page.Continue is not null);
    }

    /// <summary>
    /// All pages collected into one list with the resourceVersion of the last page. When a
    /// continue token expires mid-way (410), the list restarts once from the beginning.
    /// </summary>
    public async Task<ListResult<T>> ListAllAsync<T, TList>(
        ResourceDefinition<T, TList> resource, string? namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T>
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CollectAsync(resource, namespaceParameter, options, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesGoneException) when (attempt == 0)
            {
                // "The provided continue parameter is too old": start over, once.
            }
        }
    }

    private async Task<ListResult<T>> CollectAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, ListOptions? options, CancellationToken cancellationToken)
        where T : class
        where TList : class, IKubernetesList<T>
    {
        var items = new List<T>();
        var page = (options ?? new ListOptions()) with { Limit = options?.Limit ?? Options.PageSize, Continue = null };
        string? resourceVersion;
        while (true)
        {
            var list = await ListAsync(resource, namespaceParameter, page, cancellationToken).ConfigureAwait(false);
            items.AddRange(list.Items);
            resourceVersion = list.Metadata?.ResourceVersion;
            if (string.IsNullOrEmpty(list.Metadata?.Continue))
            {
                return new ListResult<T>(items, resourceVersion);
            }

            page = page with { Continue = list.Metadata.Continue };
        }
    }

    public Task<T> CreateAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, T body, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T> =>
        SendAsync(HttpMethod.Post, resource.CollectionPath(namespaceParameter), KubernetesJson.TypeInfo<T>(), Json(body), cancellationToken);

    /// <summary>A whole-object PUT; the server refuses it with a Conflict when the object changed since it was read.</summary>
    public Task<T> ReplaceAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, string name, T body, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T> =>
        SendAsync(HttpMethod.Put, resource.ItemPath(namespaceParameter, name), KubernetesJson.TypeInfo<T>(), Json(body), cancellationToken);

    public Task<T> PatchAsync<T, TList>(ResourceDefinition<T, TList> resource, string? namespaceParameter, string name, KubernetesPatch patch, string? subresource = null, CancellationToken cancellationToken = default)
        where T : class
        where TList : class, IKubernetesList<T> =>
        SendAsync(HttpMethod.Patch, resource.ItemPath(namespaceParameter, name, subresource), KubernetesJson.TypeInfo<T>(), Patch(patch), cancellationToken);

    /// <summary>Deletes an object; returns what the server answered (the object being deleted, or a Status).</summary>
    public Task<JsonObject> DeleteAsync(ResourceDefinition resource, string? namespaceParameter, string name, long? gracePeriodSeconds = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder().Add("gracePeriodSeconds", gracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SendForObjectAsync(HttpMethod.Delete, resource.ItemPath(namespaceParameter, name) + query, null, cancellationToken);
    }

    // ----- untyped: any group/version/resource, as JSON -----

    /// <summary>Gets any object as JSON, by group/version/plural (for resources without a typed model).</summary>
    public Task<JsonObject> GetObjectAsync(ResourceDefinition resource, string? namespaceParameter, string name, string? subresource = null, CancellationToken cancellationToken = default) =>
        SendForObjectAsync(HttpMethod.Get, resource.ItemPath(namespaceParameter, name, subresource), null, cancellationToken);

    /// <summary>Lists any resource as a JSON list object (one page).</summary>
    public Task<JsonObject> ListObjectsAsync(ResourceDefinition resource, string? namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendForObjectAsync(HttpMethod.Get, resource.CollectionPath(namespaceParameter) + query, null, cancellationToken);
    }

    public Task<JsonObject> PatchObjectAsync(ResourceDefinition resource, string? namespaceParameter, string name, KubernetesPatch patch, string? subresource = null, CancellationToken cancellationToken = default) =>
        SendForObjectAsync(HttpMethod.Patch, resource.ItemPath(namespaceParameter, name, subresource), Patch(patch), cancellationToken);

    private async Task<JsonObject> SendForObjectAsync(HttpMethod method, string pathAndQuery, RequestBody? body, CancellationToken cancellationToken)
    {
        using var response = await SendForResponseAsync(method, pathAndQuery, body, HttpCompletionOption.ResponseContentRead, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
            ?? throw new KubernetesException($"{method} {pathAndQuery}: the server did not return a JSON object.", response.StatusCode);
    }
}
