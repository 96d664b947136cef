namespace OpsBot.Chat.Delivery;

/// <summary>The default link store, until a persistent store registers its own.</summary>
public sealed class InMemoryMessageLinkStore : IMessageLinkStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PostedMessage>> _links = new(StringComparer.Ordinal);

    public Task AddAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (!_links.TryGetValue(subject, out var messages))
            {
                _links[subject] = messages = [];
            }

            if (!messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostedMessage>> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PostedMessage>>(_links.TryGetValue(subject, out var messages) ? [.. messages] : []);
        }
    }
}
