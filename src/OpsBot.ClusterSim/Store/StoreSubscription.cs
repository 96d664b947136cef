using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OpsBot.ClusterSim.Store;

/// <summary>
/// A live subscription to store changes (see <see cref="ObjectStore.Watch"/>): read <see cref="Reader"/>
/// or enumerate <see cref="ReadAllAsync"/>; dispose to stop.
/// </summary>
public sealed class StoreSubscription : IDisposable
{
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>();
    private readonly Action<StoreSubscription> _unsubscribe;

    internal StoreSubscription(GroupVersionResource? resource, string? ns, Action<StoreSubscription> unsubscribe)
    {
        Resource = resource;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The resource watched, or null for every resource.</summary>
    public GroupVersionResource? Resource { get; }

    /// <summary>The namespace watched, or null for all.</summary>
    public string? Namespace { get; }

    public ChannelReader<StoreEvent> Reader => _channel.Reader;

    public async IAsyncEnumerable<StoreEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>Whether the store ended this subscription abruptly (<see cref="ObjectStore.DropWatches"/>): the API server then drops the connection.</summary>
    public bool Dropped { get; private set; }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal bool Accepts(StoreEvent e) =>
        (Resource is null || Resource == e.Resource) && (Namespace is null || Namespace == e.Namespace);

    internal void Deliver(StoreEvent e) => _channel.Writer.TryWrite(e);

    internal void Drop()
    {
        Dropped = true;
        _channel.Writer.TryComplete();
    }
}
