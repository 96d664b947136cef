namespace OpsBot.Chat.Delivery;

/// <summary>
/// Exactly-once claims across replicas, e.g. to handle a Slack event once although Slack retries it and
/// several replicas receive it. A claim lasts its time to live; after that the key can be claimed again
/// (and expired claims are purged).
/// </summary>
public interface IClaimStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="ttl"/>: <see langword="true"/> for exactly one caller
    /// (on any replica) until the claim expires, <see langword="false"/> for everyone else.
    /// </summary>
    Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default);
}
