using System.Collections.Concurrent;

namespace OpsBot.Chat.Slack;

/// <summary>The default <see cref="ISlackDeduplicator"/>: claims held in memory until they expire (one replica only).</summary>
public sealed class InMemorySlackDeduplicator(TimeProvider time) : ISlackDeduplicator
{
    // Sweep expired claims every this many claims, so memory stays bounded without a timer.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _claims = new(StringComparer.Ordinal);
    private int _sinceSweep;

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery == 0)
        {
            foreach (var (stale, expires) in _claims)
            {
                if (expires <= now)
                {
                    _claims.TryRemove(new KeyValuePair<string, DateTimeOffset>(stale, expires));
                }
            }
        }

        while (true)
        {
            if (_claims.TryAdd(key, now + ttl))
            {
                return Task.FromResult(true);
            }

            if (!_claims.TryGetValue(key, out var expires))
            {
                continue;
            }

            if (expires > now)
            {
                return Task.FromResult(false);
            }

            if (_claims.TryUpdate(key, now + ttl, expires))
            {
                return Task.FromResult(true);
            }
        }
    }
}
