using k8s;

namespace OpsBot.Kubernetes;

public sealed partial class ResourceInformer<T>
{
    /// <summary>Applies one watch event; a BOOKMARK only moves the resourceVersion.</summary>
    private void Apply(WatchEventType type, T item)
    {
        var metadata = item.Metadata;
        InformerChange<T>? change = null;
        lock (_gate)
        {
            if (metadata?.ResourceVersion is { Length: > 0 } version)
            {
                _resourceVersion = version;
            }

            if (type is WatchEventType.Bookmark or WatchEventType.Error || metadata?.Name is not { } name)
            {
                return;
            }

            var key = Key(metadata.NamespaceProperty, name);
            var previous = _items.GetValueOrDefault(key);
            if (type == WatchEventType.Deleted)
            {
                if (previous is not null)
                {
                    Remove(key, previous);
                    _budget?.TryTake(-1);
                    change = new InformerChange<T>(WatchEventType.Deleted, previous, null);
                }
            }
            else
            {
                // A replayed event for what the cache already holds changes nothing (and says nothing).
                if (previous?.Metadata?.ResourceVersion is { } held && held == metadata.ResourceVersion)
                {
                    return;
                }

                if (previous is null && _budget is not null && !_budget.TryTake(1))
                {
                    throw new ObjectBudgetExceededException(Kind, _budget.Limit);
                }

                var current = CachedObjects.Trim(item);
                if (previous is not null)
                {
                    Remove(key, previous);
                }

                Add(key, current);
                change = new InformerChange<T>(previous is null ? WatchEventType.Added : WatchEventType.Modified, previous, current);
            }
        }

        if (change is not null)
        {
            Changed?.Invoke(change);
        }
    }

    /// <summary>Replaces the cache with a full list, reporting what differs from what it held.</summary>
    private void Replace(Dictionary<string, T> fresh, string? resourceVersion)
    {
        var changes = new List<InformerChange<T>>();
        lock (_gate)
        {
            var delta = fresh.Count - _items.Count;
            if (_budget is not null && delta > 0 && !_budget.TryTake(delta))
            {
                throw new ObjectBudgetExceededException(Kind, _budget.Limit);
            }

            if (delta < 0)
            {
                _budget?.TryTake(delta);
            }

            foreach (var (key, previous) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    changes.Add(new InformerChange<T>(WatchEventType.Deleted, previous, null));
                }
            }

            foreach (var (key, current) in fresh)
            {
                var previous = _items.GetValueOrDefault(key);
                if (previous is null)
                {
                    changes.Add(new InformerChange<T>(WatchEventType.Added, null, current));
                }
                else if (previous.Metadata?.ResourceVersion != current.Metadata?.ResourceVersion)
                {
                    changes.Add(new InformerChange<T>(WatchEventType.Modified, previous, current));
                }
            }

            _items.Clear();
            _byNamespace.Clear();
            _byOwner.Clear();
            foreach (var (key, item) in fresh)
            {
                Add(key, item);
            }

            _resourceVersion = resourceVersion;
        }

        foreach (var change in changes)
        {
            Changed?.Invoke(change);
        }
    }

    private void Add(string key, T item)
    {
        _items[key] = item;
        var ns = item.Metadata?.NamespaceProperty ?? string.Empty;
        if (!_byNamespace.TryGetValue(ns, out var inNamespace))
        {
            _byNamespace[ns] = inNamespace = new Dictionary<string, T>(StringComparer.Ordinal);
        }

        inNamespace[key] = item;
        if (OwnerUid(item) is { } owner)
        {
            if (!_byOwner.TryGetValue(owner, out var owned))
            {
                _byOwner[owner] = owned = new Dictionary<string, T>(StringComparer.Ordinal);
            }

            owned[key] = item;
        }
    }

    private void Remove(string key, T item)
    {
        _items.Remove(key);
        var ns = item.Metadata?.NamespaceProperty ?? string.Empty;
        if (_byNamespace.TryGetValue(ns, out var inNamespace) && inNamespace.Remove(key) && inNamespace.Count == 0)
        {
            _byNamespace.Remove(ns);
        }

        if (OwnerUid(item) is { } owner && _byOwner.TryGetValue(owner, out var owned) && owned.Remove(key) && owned.Count == 0)
        {
            _byOwner.Remove(owner);
        }
    }
}
