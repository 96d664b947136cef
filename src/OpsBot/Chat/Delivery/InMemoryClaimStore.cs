namespace OpsBot.Chat.Delivery;

/// <summary>The <see cref="IClaimStore"/> of one process (tests, and a bot without a database).</summary>
public sealed class InMemoryClaimStore(TimeProvider timeProvider) : IClaimStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _claims = new(StringComparer.Ordinal);

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ClaimKeys.Validate(key, ttl);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var expired in _claims.Where(claim => claim.Value <= now).Select(claim => claim.Key).ToList())
            {
                _claims.Remove(expired);
            }

            return Task.FromResult(_claims.TryAdd(key, now + ttl));
        }
    }
}
