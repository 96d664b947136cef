namespace OpsBot.Commands;

/// <summary>The writes of one request (see <see cref="StoreWrites"/>): how many committed, and whether one was cut off.</summary>
public sealed class StoreWriteLog
{
    private int _pending;
    private int _committed;

    /// <summary>Writes that committed.</summary>
    public int Committed => Volatile.Read(ref _committed);

    /// <summary>A write was sent and did not come back: it may or may not have committed.</summary>
    public bool Uncertain => Volatile.Read(ref _pending) > 0;

    /// <summary>What the store holds of this request: nothing, a change, or possibly a change.</summary>
    public StoreWriteOutcome Outcome => Committed > 0 ? StoreWriteOutcome.Committed : Uncertain ? StoreWriteOutcome.Unknown : StoreWriteOutcome.None;

    internal void Begin() => Interlocked.Increment(ref _pending);

    internal void End(bool committed)
    {
        Interlocked.Decrement(ref _pending);
        if (committed)
        {
            Interlocked.Increment(ref _committed);
        }
    }
}
