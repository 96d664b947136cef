namespace OpsBot.Chat.Delivery;

/// <summary>The <see cref="IConversationReferenceStore"/> of one process (tests, and a bot without a database).</summary>
public sealed class InMemoryConversationReferenceStore(TimeProvider timeProvider) : IConversationReferenceStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, StoredConversationReference> _references = new(StringComparer.Ordinal);

    public Task SaveAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        lock (_lock)
        {
            _references[key] = new StoredConversationReference(key, json, timeProvider.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    public Task<StoredConversationReference?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return Task.FromResult(_references.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<StoredConversationReference>> ListAsync(string keyPrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        lock (_lock)
        {
            IReadOnlyList<StoredConversationReference> matching = [.. _references.Values.Where(reference => reference.Key.StartsWith(keyPrefix, StringComparison.Ordinal))];
            return Task.FromResult(matching);
        }
    }
}
