namespace OpsBot.Chat.Slack;

/// <summary>
/// Remembers which Slack deliveries were already taken (an <c>event_id</c>, a command's <c>trigger_id</c>,
/// a Socket Mode <c>envelope_id</c>), so a retried or redelivered request never runs twice.
/// A persistent, shared store (several replicas) replaces the in-memory default.
/// </summary>
public interface ISlackDeduplicator
{
    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="ttl"/>: <see langword="true"/> for the first caller,
    /// <see langword="false"/> while an earlier claim holds.
    /// </summary>
    Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default);
}
