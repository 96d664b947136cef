using System.Collections.Concurrent;

namespace OpsBot.Chat.Teams;

/// <summary>The default reference store: lost on restart (Teams re-sends a reference with every activity).</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<string, string> _references = new(StringComparer.Ordinal);

    public Task SaveAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(json);
        _references[key] = json;
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_references.TryGetValue(key, out var json) ? json : null);

    public Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(_references, StringComparer.Ordinal));
}
