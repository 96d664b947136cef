using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// How a <see cref="ResourceInformer{T}"/> reads one kind: a page of the list (with the list's resourceVersion) and a
/// watch from a resourceVersion. <see cref="InformerSources"/> builds them over the official client.
/// </summary>
/// <param name="Kind">The kind, for messages (<c>pods</c>).</param>
/// <param name="ListPage">One page: continue token (null first), page size → items, the list's resourceVersion, the next continue token.</param>
/// <param name="Watch">A watch from a resourceVersion with bookmarks, ending after the given server timeout.</param>
public sealed record InformerSource<T>(
    string Kind,
    Func<string?, int, CancellationToken, Task<(IList<T> Items, string? ResourceVersion, string? Continue)>> ListPage,
    Func<string, TimeSpan, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> Watch)
    where T : class, IKubernetesObject<V1ObjectMeta>;
