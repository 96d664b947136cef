using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// An informer for one kind (client-go's reflector + indexer): lists it (paged), then watches from the list's
/// resourceVersion with bookmarks, resuming from the last resourceVersion seen whenever a watch ends or breaks; a 410
/// (the resourceVersion is too old) lists again, and so does the periodic resync. A relist is compared with the cache,
/// so a listener sees each change once: nothing lost across a break, nothing repeated. Objects are trimmed on the way
/// in (<see cref="CachedObjects.Trim{T}"/>) and indexed by namespace and by controller owner uid.
/// </summary>
/// <remarks>
/// Objects handed out are shared with the cache and every other reader: treat them as read-only. Thread-safe; run
/// <see cref="RunAsync"/> once.
/// </remarks>
public sealed partial class ResourceInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly InformerSource<T> _source;
    private readonly InformerOptions _options;
    private readonly ObjectBudget? _budget;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, T>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, T>> _byOwner = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resourceVersion;
    private int _watchFailures;

    public ResourceInformer(InformerSource<T> source, InformerOptions? options = null, ObjectBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _options = options ?? new InformerOptions();
        _budget = budget;
    }

    /// <summary>Every change applied (watch events, and the differences a relist found), in order, on the informer's loop.</summary>
    public event Action<InformerChange<T>>? Changed;

    /// <summary>The kind (<c>pods</c>).</summary>
    public string Kind => _source.Kind;

    /// <summary>Whether the first list is complete (stays true across watch breaks; see <see cref="DisconnectedSince"/>).</summary>
    public bool HasSynced { get; private set; }

    /// <summary>Completes when the first list is complete.</summary>
    public Task Synced => _synced.Task;

    /// <summary>When the last list completed.</summary>
    public DateTimeOffset? LastListAt { get; private set; }

    /// <summary>When the cache was last known to be current but is no longer watching (null while a watch is open).</summary>
    public DateTimeOffset? DisconnectedSince { get; private set; }

    /// <summary>The last failure of a list or watch, for <c>/readyz</c> (null after a success).</summary>
    public string? LastError { get; private set; }

    /// <summary>How many times the kind was listed (the first list, relists after 410, resyncs).</summary>
    public int Lists { get; private set; }

    /// <summary>The resourceVersion the cache is at.</summary>
    public string? ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Every cached object (a copy of the list; the objects are shared).</summary>
    public IReadOnlyList<T> All()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>The cached objects of one namespace.</summary>
    public IReadOnlyList<T> InNamespace(string ns)
    {
        lock (_gate)
        {
            return _byNamespace.TryGetValue(ns, out var items) ? [.. items.Values] : [];
        }
    }

    /// <summary>The cached objects whose controller owner has this uid (a deployment's ReplicaSets, a ReplicaSet's pods).</summary>
    public IReadOnlyList<T> OwnedBy(string ownerUid)
    {
        lock (_gate)
        {
            return _byOwner.TryGetValue(ownerUid, out var items) ? [.. items.Values] : [];
        }
    }

    /// <summary>One cached object, or null.</summary>
    public T? Get(string? ns, string name)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(Key(ns, name));
        }
    }

    /// <summary>Lists, then watches until <paramref name="cancellationToken"/>; failures are retried with backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var backoff = _options.InitialBackoff;
        var time = _options.TimeProvider;
        var nextResync = time.GetUtcNow() + _options.ResyncInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (ResourceVersion is null || time.GetUtcNow() >= nextResync)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    nextResync = time.GetUtcNow() + _options.ResyncInterval;
                }

                if (await WatchAsync(nextResync, cancellationToken).ConfigureAwait(false))
                {
                    backoff = _options.InitialBackoff;
                }
                else
                {
                    // The watch ended at once without a single event: the server refused the resourceVersion in a way
                    // the typed stream does not carry (an expired one after a compaction does this). Resuming from it
                    // again would spin; list again (compared, so nothing is reported twice), after the backoff.
                    MarkDisconnected();
                    LastError = $"watch of {Kind} ended at once without an event; listing again";
                    lock (_gate)
                    {
                        _resourceVersion = null;
                    }

                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectBudgetExceededException)
            {
                MarkDisconnected();
                throw;
            }
            catch (Exception error) when (error.IsGone())
            {
                // The resourceVersion is older than the server's history: list again (and compare).
                MarkDisconnected();
                lock (_gate)
                {
                    _resourceVersion = null;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                MarkDisconnected();
                var listing = ResourceVersion is null;
                LastError = $"{(listing ? "list" : "watch")} of {Kind} failed: {(error.IsApiError() ? error.MessageOf() : error.Message)}";
                // A watch that keeps failing, or fails in a way a retry will not mend (an error the stream could not
                // carry, a refusal), lists again, as client-go's reflector does: the relist is compared, so it is safe.
                if (!listing && (++_watchFailures >= 3 || !IsTransient(error)))
                {
                    lock (_gate)
                    {
                        _resourceVersion = null;
                    }
                }

                try
                {
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }

        MarkDisconnected();
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        string? next = null;
        string? resourceVersion = null;
        do
        {
            if (_options.Foreground is { } foreground)
            {
                await foreground.WhenIdleAsync(_options.MaxYield, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            var page = await _source.ListPage(next, _options.PageSize, cancellationToken).ConfigureAwait(false);
            resourceVersion ??= page.ResourceVersion;
            foreach (var item in page.Items)
            {
                fresh[Key(item.Metadata?.NamespaceProperty, item.Metadata?.Name ?? string.Empty)] = CachedObjects.Trim(item);
            }

            // Stop early, before holding a whole cluster the budget cannot take (Replace takes the budget for real).
            if (_budget is not null && fresh.Count - Count > _budget.Limit - _budget.Used)
            {
                throw new ObjectBudgetExceededException(Kind, _budget.Limit);
            }

            next = page.Continue;
        }
        while (!string.IsNullOrEmpty(next));

        Replace(fresh, resourceVersion);
        Lists++;
        LastListAt = _options.TimeProvider.GetUtcNow();
        LastError = null;
        _watchFailures = 0;
        HasSynced = true;
        _synced.TrySetResult();
    }

    // False when the watch ended by itself, well before its timeout, without delivering anything (not even a bookmark).
    private async Task<bool> WatchAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var remaining = until - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return true;
        }

        using var resync = new CancellationTokenSource(remaining, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, resync.Token);
        var from = ResourceVersion ?? throw new InvalidOperationException("watch before list");
        var timeout = remaining < _options.WatchTimeout ? remaining : _options.WatchTimeout;
        // After a clean end (the server's timeout, a resync) the cache was current until now: still watching. After a
        // failure it stays "disconnected since" the failure until the new watch proves itself with an event or bookmark.
        if (LastError is null)
        {
            DisconnectedSince = null;
        }

        var started = time.GetTimestamp();
        var delivered = false;
        try
        {
            await foreach (var (type, item) in _source.Watch(from, timeout, linked.Token).ConfigureAwait(false))
            {
                delivered = true;
                if (type == WatchEventType.Error)
                {
                    // An ERROR event (410 Expired above all) ends the watch; its Status does not survive the typed
                    // stream, so list again — the relist is compared with the cache, so nothing is reported twice.
                    MarkDisconnected();
                    lock (_gate)
                    {
                        _resourceVersion = null;
                    }

                    return true;
                }

                Apply(type, item);
                LastError = null;
                DisconnectedSince = null;
                _watchFailures = 0;
            }
        }
        catch (OperationCanceledException) when (resync.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Time to resync: the loop lists again.
            return true;
        }

        return delivered || time.GetElapsedTime(started) >= TimeSpan.FromSeconds(1);
    }

    private static bool IsTransient(Exception error) =>
        error is HttpRequestException or IOException or TimeoutException
        || error.IsTooManyRequests() || error.IsServerError();

    private void MarkDisconnected() => DisconnectedSince ??= _options.TimeProvider.GetUtcNow();

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    private static string? OwnerUid(T item) => item.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid;
}
