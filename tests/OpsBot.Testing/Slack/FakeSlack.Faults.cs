namespace OpsBot.Testing.Slack;

public sealed partial class FakeSlack
{
    private FakeSlackFaults? _faults;
    private Random _faultRandom = new(1);
    private int _nextServerError;

    /// <summary>Starts a storm of 429s and 5xx on the calls <paramref name="faults"/> names (null stops it).</summary>
    public void InjectFaults(FakeSlackFaults? faults)
    {
        lock (_lock)
        {
            _faults = faults;
            _faultRandom = new Random(faults?.Seed ?? 1);
        }
    }

    /// <summary>How many calls the storm answered 429, 5xx after acting, and 5xx without acting.</summary>
    public (int RateLimited, int FailedAfterActing, int FailedWithoutActing) InjectedFaults => (_injected429, _injectedLanded, _injectedLost);

    private int _injected429;
    private int _injectedLanded;
    private int _injectedLost;

    // The fault for this call, if the storm picks it: (429, false), (5xx, landed) or null.
    private (int Status, bool Landed)? DrawFault(string method)
    {
        lock (_lock)
        {
            if (_faults is not { } faults || !faults.Methods.Contains(method))
            {
                return null;
            }

            var draw = _faultRandom.NextDouble();
            if (draw < faults.RateLimitRate)
            {
                Interlocked.Increment(ref _injected429);
                return (429, false);
            }

            if (draw < faults.RateLimitRate + faults.ServerErrorRate)
            {
                var status = faults.ServerErrorStatuses[_nextServerError++ % faults.ServerErrorStatuses.Count];
                var landed = _faultRandom.NextDouble() < faults.LandedShare;
                Interlocked.Increment(ref landed ? ref _injectedLanded : ref _injectedLost);
                return (status, landed);
            }

            return null;
        }
    }
}
