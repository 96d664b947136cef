using Microsoft.Extensions.Logging;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// Routes each delivery to the <see cref="IChatChannel"/> of the message's platform. When two channels claim one
/// platform the last registered wins, as with any DI registration (tests replace a channel by adding theirs).
/// </summary>
public sealed partial class ChatNotifier : IChatNotifier
{
    private readonly Dictionary<ChatPlatform, IChatChannel> _channels;
    private readonly IMessageLinkStore _links;
    private readonly ILogger<ChatNotifier> _logger;

    public ChatNotifier(IEnumerable<IChatChannel> channels, IMessageLinkStore links, ILogger<ChatNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = [];
        foreach (var channel in channels)
        {
            _channels[channel.Platform] = channel;
        }

        _links = links;
        _logger = logger;
    }

    public Task LinkAsync(string subject, PostedMessage message, CancellationToken cancellationToken = default) =>
        _links.AddAsync(subject, message, cancellationToken);

    public Task UpdateAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default) =>
        UpdateAsync(subject, message, skip: null, cancellationToken);

    public Task UpdateOthersAsync(string subject, ChatMessage message, ChatRequest pressed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pressed);
        return UpdateAsync(subject, message, pressed, cancellationToken);
    }

    // The pressed copy: same platform and message id, in the press's channel (Teams links a thread's copy under the
    // channel's id with ";messageid=…" after it).
    private static bool IsPressed(PostedMessage posted, ChatRequest? pressed) =>
        pressed?.Button?.MessageId is { } messageId
        && posted.Platform == pressed.Platform
        && posted.MessageId == messageId
        && (posted.ChannelId == pressed.ChannelId || posted.ChannelId.StartsWith(pressed.ChannelId + ";", StringComparison.Ordinal));

    private async Task UpdateAsync(string subject, ChatMessage message, ChatRequest? skip, CancellationToken cancellationToken)
    {
        foreach (var posted in await CopiesAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            if (IsPressed(posted, skip) || ChannelFor(posted.Platform) is not { } channel)
            {
                continue;
            }

            try
            {
                await channel.UpdateAsync(posted, message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error, "update", posted.Platform, posted.ChannelId, subject);
            }
        }
    }

    public async Task FollowUpAsync(string subject, ChatMessage message, CancellationToken cancellationToken = default)
    {
        foreach (var posted in await CopiesAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            await PostAsync(posted.Thread, message, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PostedMessage?> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (ChannelFor(to.Platform) is not { } channel)
        {
            return null;
        }

        try
        {
            return await channel.PostAsync(to, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, "post", to.Platform, to.ChannelId, subject: null);
            return null;
        }
    }

    public async Task<ChatHistoryMessage?> ReadAsync(ChatPlatform platform, string channelId, string messageId, CancellationToken cancellationToken = default)
    {
        if (ChannelFor(platform) is not { } channel)
        {
            return null;
        }

        try
        {
            return await channel.ReadAsync(channelId, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, "read", platform, channelId, subject: null);
            return null;
        }
    }

    // One message can be linked more than once with different thread ids (posted as a top-level message, then
    // linked again by a button press that reports its own ts as the thread): it is one copy, updated and
    // followed up once, in the thread it was first linked with.
    private async Task<IEnumerable<PostedMessage>> CopiesAsync(string subject, CancellationToken cancellationToken) =>
        (await _links.GetAsync(subject, cancellationToken).ConfigureAwait(false)).DistinctBy(posted => (posted.Platform, posted.ChannelId, posted.MessageId));

    private IChatChannel? ChannelFor(ChatPlatform platform)
    {
        if (_channels.TryGetValue(platform, out var channel))
        {
            return channel;
        }

        LogNoChannel(platform);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Operation} a message in {Platform} channel {Channel} (subject {Subject})")]
    private partial void LogFailed(Exception error, string operation, ChatPlatform platform, string channel, string? subject);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No outbound channel is configured for {Platform}; delivery skipped")]
    private partial void LogNoChannel(ChatPlatform platform);
}
