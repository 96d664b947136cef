namespace OpsBot.ClusterSim.Store;

/// <summary>A ring buffer of the last changes, so that a watch can resume from a resourceVersion. Not thread-safe: the store locks.</summary>
internal sealed class EventHistory
{
    private readonly StoreEvent?[] _buffer;
    private int _start;
    private int _count;

    public EventHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new StoreEvent?[capacity];
    }

    /// <summary>The resourceVersion of the oldest change still held, or null when nothing was recorded.</summary>
    public long? OldestResourceVersion => _count == 0 ? null : _buffer[_start]!.ResourceVersion;

    /// <summary>Forgets every change (etcd's compaction): a watch from an older resourceVersion is then expired.</summary>
    public void Clear()
    {
        Array.Clear(_buffer);
        _start = 0;
        _count = 0;
    }

    public void Add(StoreEvent storeEvent)
    {
        if (_count < _buffer.Length)
        {
            _buffer[(_start + _count) % _buffer.Length] = storeEvent;
            _count++;
            return;
        }

        _buffer[_start] = storeEvent;
        _start = (_start + 1) % _buffer.Length;
    }

    /// <summary>The changes with a resourceVersion greater than <paramref name="resourceVersion"/>, oldest first.</summary>
    public IEnumerable<StoreEvent> After(long resourceVersion)
    {
        for (var i = 0; i < _count; i++)
        {
            var e = _buffer[(_start + i) % _buffer.Length]!;
            if (e.ResourceVersion > resourceVersion)
            {
                yield return e;
            }
        }
    }
}
