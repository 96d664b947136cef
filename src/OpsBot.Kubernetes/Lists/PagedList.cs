using System.Runtime.CompilerServices;

namespace OpsBot.Kubernetes;

/// <summary>
/// A list call of the official client followed page by page (<c>limit</c> + <c>continue</c>, as kubectl pages), so that
/// 10,000 pods never arrive as one response. Built by <see cref="KubernetesLists"/>.
/// </summary>
public sealed class PagedList<T>(Func<string?, int, CancellationToken, Task<KubernetesPage<T>>> listPage)
{
    /// <summary>kubectl's page size.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The number of items asked for per request.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The same list asked for <paramref name="pageSize"/> items per request.</summary>
    public PagedList<T> WithPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return new PagedList<T>(listPage) { PageSize = pageSize };
    }

    /// <summary>One page: the first when <paramref name="continueToken"/> is null, then the one the previous page's token names.</summary>
    public Task<KubernetesPage<T>> PageAsync(string? continueToken, int limit, CancellationToken cancellationToken = default) =>
        listPage(continueToken, limit, cancellationToken);

    /// <summary>
    /// Every item, as pages arrive. An expired continue token surfaces as the server's 410
    /// (<see cref="KubernetesApiErrors.IsGone"/>): items already yielded cannot be taken back.
    /// </summary>
    public async IAsyncEnumerable<T> ItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? next = null;
        do
        {
            var page = await listPage(next, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            next = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
        }
        while (next is not null);
    }

    /// <summary>Every item collected into one list; when a continue token expires mid-way (410) the list starts over, once.</summary>
    public async Task<IReadOnlyList<T>> AllAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var items = new List<T>();
                await foreach (var item in ItemsAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(item);
                }

                return items;
            }
            catch (Exception error) when (attempt == 0 && error.IsGone())
            {
                // "The provided continue parameter is too old": start over, once.
            }
        }
    }
}
