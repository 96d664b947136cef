namespace OpsBot.Chat.Delivery;

/// <summary>Remembers which posted messages show a subject (a workflow card posted in Slack and in Teams).</summary>
public interface IMessageLinkStore
{
    /// <summary>Adds a link; adding the same (subject, message) twice keeps one.</summary>
    Task AddAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default);

    /// <summary>The messages linked to a subject, in the order they were linked.</summary>
    Task<IReadOnlyList<PostedMessage>> GetAsync(string subject, CancellationToken cancellationToken = default);
}
