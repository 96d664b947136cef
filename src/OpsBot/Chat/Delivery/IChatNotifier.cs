using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// How workflows, triage and jobs talk to people after the request that started them has been
/// answered: update every copy of a subject's message, follow it up in its thread, or post anew.
/// Delivery failures are logged (with the platform's error) and do not throw: the caller's state
/// change has already happened and is in the store and the audit log.
/// </summary>
public interface IChatNotifier
{
    /// <summary>Records that <paramref name="message"/> shows <paramref name="subject"/> (adapters call it after posting a reply with a subject).</summary>
    Task LinkAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Replaces every linked copy of the subject's message.</summary>
    Task UpdateAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces every linked copy of the subject's message but the one <paramref name="pressed"/> came from (its
    /// <see cref="ButtonPress.MessageId"/>): the adapter writes that one with the reply, so each card is written once.
    /// A notifier that cannot tell the copies apart (a test's recorder) updates them all.
    /// </summary>
    Task UpdateOthersAsync(string subject, ChatMessage message, ChatRequest pressed, CancellationToken cancellationToken = default) =>
        UpdateAsync(subject, message, cancellationToken);

    /// <summary>Posts into the thread of every linked copy (a workflow's final report).</summary>
    Task FollowUpAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads a message back from a platform's channel (<see cref="IChatChannel.ReadAsync"/>); <see langword="null"/> when it cannot.</summary>
    Task<ChatHistoryMessage?> ReadAsync(ChatPlatform platform, string channelId, string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ChatHistoryMessage?>(null);

    /// <summary>Posts to an address; <see langword="null"/> when the platform is not configured or the post failed.</summary>
    Task<PostedMessage?> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default);
}
