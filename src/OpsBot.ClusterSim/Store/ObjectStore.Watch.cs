using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Subscribes to changes of <paramref name="resource"/> (null: every resource) in <paramref name="ns"/>
    /// (null: all namespaces). With <paramref name="afterResourceVersion"/> the changes after it are replayed
    /// first from the history (<see cref="StoreErrorKind.Expired"/> when it is older than the history holds);
    /// without it, when <paramref name="sendInitialAdds"/> is set, the current objects arrive first as ADDED.
    /// </summary>
    public StoreSubscription Watch(
        GroupVersionResource? resource,
        string? ns = null,
        long? afterResourceVersion = null,
        bool sendInitialAdds = false)
    {
        lock (_lock)
        {
            var subscription = new StoreSubscription(resource, ns, Unsubscribe);
            if (afterResourceVersion is { } after && (after < _resourceVersion || after < _compactedAt))
            {
                var oldest = _history.OldestResourceVersion ?? _resourceVersion + 1;
                if (after < oldest - 1 || after < _compactedAt)
                {
                    throw new StoreException(
                        StoreErrorKind.Expired,
                        resource ?? default,
                        "",
                        $"too old resource version: {after} ({oldest - 1})");
                }

                foreach (var e in _history.After(after).Where(subscription.Accepts))
                {
                    subscription.Deliver(e);
                }
            }
            else if (afterResourceVersion is null && sendInitialAdds)
            {
                foreach (var (r, bucket) in _objects)
                {
                    if (resource is not null && r != resource)
                    {
                        continue;
                    }

                    foreach (var obj in bucket.Values)
                    {
                        var e = new StoreEvent(WatchEventType.Added, r, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), _resourceVersion, obj.DeepClone().AsObject());
                        if (subscription.Accepts(e))
                        {
                            subscription.Deliver(e);
                        }
                    }
                }
            }

            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>How many watches are open now (tests wait for a client's watch before changing what it watches).</summary>
    public int OpenWatches
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// Fault injection: ends every open watch abruptly, as a broken connection or an API server restart would; the
    /// API server drops each watch's connection without a final chunk. Returns how many were open.
    /// </summary>
    public int DropWatches()
    {
        lock (_lock)
        {
            var open = _subscriptions.ToList();
            _subscriptions.Clear();
            foreach (var subscription in open)
            {
                subscription.Drop();
            }

            return open.Count;
        }
    }

    /// <summary>
    /// Fault injection: compacts the watch history (as etcd compaction does), so a watch resuming from any
    /// resourceVersion before now gets 410 Expired and must list again.
    /// </summary>
    public void Compact()
    {
        lock (_lock)
        {
            _history.Clear();
            _compactedAt = _resourceVersion;
        }
    }

    private void Unsubscribe(StoreSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private void Publish(WatchEventType type, GroupVersionResource resource, JsonObject obj, JsonObject? previous = null)
    {
        var snapshot = obj.DeepClone().AsObject();
        var e = new StoreEvent(type, resource, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), _resourceVersion, snapshot, previous?.DeepClone().AsObject());
        _history.Add(e);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Accepts(e))
            {
                subscription.Deliver(e);
            }
        }
    }
}
