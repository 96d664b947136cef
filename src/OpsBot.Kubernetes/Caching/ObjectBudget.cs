namespace OpsBot.Kubernetes;

/// <summary>
/// How many objects the informers of one cluster may hold together. An informer takes from it for every object it
/// adds and gives back what it drops; a list that would overrun it fails with <see cref="ObjectBudgetExceededException"/>
/// (the owner then narrows what it caches). Thread-safe.
/// </summary>
public sealed class ObjectBudget(long limit)
{
    private long _used;

    public long Limit { get; } = limit;

    public long Used => Interlocked.Read(ref _used);

    /// <summary>Takes <paramref name="count"/> (negative: gives back); false, taking nothing, when that would pass the limit.</summary>
    public bool TryTake(long count)
    {
        while (true)
        {
            var used = Interlocked.Read(ref _used);
            var next = used + count;
            if (count > 0 && next > Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, Math.Max(0, next), used) == used)
            {
                return true;
            }
        }
    }
}
