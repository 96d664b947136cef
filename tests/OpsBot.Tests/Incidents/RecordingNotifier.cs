using System.Collections.Concurrent;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Incidents;

/// <summary>An <see cref="IChatNotifier"/> that records what would have been posted (the reminder tests look at posts only).</summary>
internal sealed class RecordingNotifier : IChatNotifier
{
    private long _next;

    public ConcurrentQueue<(ConversationAddress To, ChatMessage Message)> Posts { get; } = new();

    public Task LinkAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task UpdateAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task FollowUpAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<PostedMessage?> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        Posts.Enqueue((to, message));
        return Task.FromResult<PostedMessage?>(new PostedMessage(to.Platform, to.ChannelId, Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture), to.ThreadId));
    }
}
