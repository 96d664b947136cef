using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes;

// Watch: a stream of changes that survives the server closing the connection (resume from the last
// resourceVersion, advanced by bookmarks) and a too-old resourceVersion (410: relist and report the
// difference as ADDED / MODIFIED / DELETED, so the caller's view stays correct).
// https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
public sealed partial class KubernetesClient
{
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T, TList>(
        ResourceDefinition<T, TList> resource, string? namespaceParameter, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject
        where TList : class, IKubernetesList<T>
    {
        options ??= new WatchOptions();
        var known = new Dictionary<string, T>(StringComparer.Ordinal);
        var resourceVersion = options.ResourceVersion;
        var relist = resourceVersion is null;
        var failures = 0;

        while (true)
        {
            if (relist)
            {
                var listed = await ListAllAsync(resource, namespaceParameter, new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken).ConfigureAwait(false);
                foreach (var change in Reconcile(known, listed.Items))
                {
                    yield return change;
                }

                resourceVersion = listed.ResourceVersion;
                relist = false;
            }

            await using var events = ReadWatchStreamAsync(resource, namespaceParameter, options, resourceVersion, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                WatchLine<T> line;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        failures = 0;
                        break; // the server ended this connection: resume from resourceVersion
                    }

                    line = events.Current;
                }
                catch (KubernetesGoneException)
                {
                    relist = true;
                    break;
                }
                catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested && ++failures <= options.MaxReconnectAttempts)
                {
                    await DelayAsync(RetryDelay.For(failures - 1, null, Options), cancellationToken).ConfigureAwait(false);
                    break;
                }

                failures = 0;
                resourceVersion = line.Object.Metadata?.ResourceVersion ?? resourceVersion;
                if (line.Type == WatchEventType.Bookmark)
                {
                    if (options.EmitBookmarks)
                    {
                        yield return (line.Type, line.Object);
                    }

                    continue;
                }

                Track(known, line.Type, line.Object);
                yield return (line.Type, line.Object);
            }
        }
    }

    private async IAsyncEnumerable<WatchLine<T>> ReadWatchStreamAsync<T, TList>(
        ResourceDefinition<T, TList> resource, string? namespaceParameter, WatchOptions options, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
        where TList : class, IKubernetesList<T>
    {
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("allowWatchBookmarks", "true")
            .Add("resourceVersion", resourceVersion)
            .Add("timeoutSeconds", ((int)options.ConnectionTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector);
        var path = resource.CollectionPath(namespaceParameter) + query;
        using var response = await SendForResponseAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, useTimeout: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var typeInfo = KubernetesJson.TypeInfo<T>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(text);
            var type = document.RootElement.GetProperty("type").GetString();
            var item = document.RootElement.GetProperty("object");
            if (type == "ERROR")
            {
                throw KubernetesErrors.FromStatus(item.Deserialize(KubernetesJson.TypeInfo<V1Status>()) ?? new V1Status { Code = (int)HttpStatusCode.InternalServerError });
            }

            var eventType = type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                _ => throw new KubernetesException($"Unknown watch event type '{type}' from {path}.", response.StatusCode),
            };
            yield return new WatchLine<T>(eventType, item.Deserialize(typeInfo)!);
        }
    }

    private static IEnumerable<(WatchEventType, T)> Reconcile<T>(Dictionary<string, T> known, IReadOnlyList<T> listed)
        where T : class, IKubernetesObject
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<(WatchEventType, T)>();
        foreach (var item in listed)
        {
            var key = KeyOf(item);
            seen.Add(key);
            if (!known.TryGetValue(key, out var before))
            {
                changes.Add((WatchEventType.Added, item));
            }
            else if (before.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
            {
                changes.Add((WatchEventType.Modified, item));
            }

            known[key] = item;
        }

        foreach (var gone in known.Keys.Where(key => !seen.Contains(key)).ToList())
        {
            changes.Add((WatchEventType.Deleted, known[gone]));
            known.Remove(gone);
        }

        return changes;
    }

    private static void Track<T>(Dictionary<string, T> known, WatchEventType type, T item)
        where T : class, IKubernetesObject
    {
        if (type == WatchEventType.Deleted)
        {
            known.Remove(KeyOf(item));
        }
        else
        {
            known[KeyOf(item)] = item;
        }
    }

    private static string KeyOf(IKubernetesObject item) => $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";

    private static bool IsTransient(Exception ex) =>
        ex is IOException or HttpRequestException or KubernetesServerException or KubernetesTooManyRequestsException or KubernetesTimeoutException
        || (ex is KubernetesException { StatusCode: 0 });

    private readonly record struct WatchLine<T>(WatchEventType Type, T Object);
}
