namespace OpsBot.Chat.Delivery;

/// <summary>
/// Where the Teams adapter keeps conversation references, so the bot can post proactively (status updates,
/// reminders) after a restart and from any replica. Saving a key again replaces its reference.
/// </summary>
public interface IConversationReferenceStore
{
    /// <summary>Saves (inserts or replaces) the reference for <paramref name="key"/>.</summary>
    Task SaveAsync(string key, string json, CancellationToken cancellationToken = default);

    /// <summary>The reference saved for <paramref name="key"/>, or <see langword="null"/>.</summary>
    Task<StoredConversationReference?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every reference whose key starts with <paramref name="keyPrefix"/> (all when empty), ordered by key (ordinal).</summary>
    Task<IReadOnlyList<StoredConversationReference>> ListAsync(string keyPrefix = "", CancellationToken cancellationToken = default);
}
