namespace OpsBot.Chat.Teams;

/// <summary>
/// Keeps conversation references as JSON by key (the conversation id). The in-memory default is
/// replaced by a persistent store (same shape) so that proactive posts survive a restart.
/// </summary>
public interface IConversationReferenceStore
{
    /// <summary>Adds or replaces the reference stored under <paramref name="key"/>.</summary>
    Task SaveAsync(string key, string json, CancellationToken cancellationToken = default);

    /// <summary>The JSON stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every stored reference: key → JSON.</summary>
    Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellationToken = default);
}
