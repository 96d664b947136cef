using System.Collections.Concurrent;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>The console's outbound side, recorded: which message was replaced with what, and what was posted where.</summary>
internal sealed class RecordingChatChannel : IChatChannel
{
    private int _next;

    public ChatPlatform Platform => ChatPlatform.Console;

    public ConcurrentQueue<(PostedMessage Message, ChatMessage Content)> Updates { get; } = new();

    public ConcurrentQueue<(ConversationAddress To, ChatMessage Content)> Posts { get; } = new();

    public Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        Posts.Enqueue((to, message));
        return Task.FromResult(new PostedMessage(to.Platform, to.ChannelId, "posted-" + Interlocked.Increment(ref _next), to.ThreadId));
    }

    public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default)
    {
        Updates.Enqueue((posted, message));
        return Task.CompletedTask;
    }
}
