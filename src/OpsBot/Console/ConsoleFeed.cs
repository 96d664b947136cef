using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Console;

/// <summary>
/// The console's channels: an in-memory feed per channel, bounded (the oldest messages, and the least
/// recently used channels, are dropped), so that everyone looking at a channel sees the same messages
/// and the updates later events make to them. Each channel counts its changes; a poll asks for what
/// changed after the sequence it saw last.
/// </summary>
public sealed class ConsoleFeed
{
    /// <summary>Messages kept per channel.</summary>
    public const int DefaultMaxMessagesPerChannel = 200;

    /// <summary>Channels kept (channel names come from the browser, so they are bounded too).</summary>
    public const int DefaultMaxChannels = 100;

    /// <summary>The most entries one poll returns.</summary>
    public const int MaxPage = 100;

    private static readonly PlainTextRenderer PlainText = new();
    private static readonly HtmlRenderer Html = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConsoleChannelFeed> _channels = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    // Message ids stay unique across restarts: a card linked to "m1" by the last process must not replace this one's "m1".
    private readonly string _instance = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
    private long _nextId;
    private long _activity;

    public ConsoleFeed(TimeProvider time, int maxMessagesPerChannel = DefaultMaxMessagesPerChannel, int maxChannels = DefaultMaxChannels)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessagesPerChannel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChannels, 1);
        _time = time;
        MaxMessagesPerChannel = maxMessagesPerChannel;
        MaxChannels = maxChannels;
    }

    public int MaxMessagesPerChannel { get; }

    public int MaxChannels { get; }

    /// <summary>Appends a message to <paramref name="channel"/>'s feed.</summary>
    public ConsoleFeedEntry Post(string channel, ChatMessage message, string? user = null, string? command = null, string? threadId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        var (text, json, html) = Render(message);
        lock (_lock)
        {
            var feed = Channel(channel);
            var entry = new ConsoleFeedEntry($"m{++_nextId}.{_instance}", ++feed.Sequence, user, command, _time.GetUtcNow(), text, json, html, Updated: false, threadId);
            feed.Entries.Add(entry);
            if (feed.Entries.Count > MaxMessagesPerChannel)
            {
                feed.Entries.RemoveAt(0);
            }

            return entry;
        }
    }

    /// <summary>Replaces message <paramref name="messageId"/> of <paramref name="channel"/>; null when the feed no longer holds it.</summary>
    public ConsoleFeedEntry? Replace(string channel, string messageId, ChatMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        var (text, json, html) = Render(message);
        lock (_lock)
        {
            if (!_channels.TryGetValue(channel, out var feed))
            {
                return null;
            }

            var index = feed.Entries.FindIndex(entry => entry.Id == messageId);
            if (index < 0)
            {
                return null;
            }

            feed.LastUsed = ++_activity;
            var replaced = feed.Entries[index] with { Sequence = ++feed.Sequence, Time = _time.GetUtcNow(), Text = text, MessageJson = json, Html = html, Updated = true };
            feed.Entries[index] = replaced;
            return replaced;
        }
    }

    /// <summary>Message <paramref name="messageId"/> of <paramref name="channel"/>; null when the feed does not hold it (any more).</summary>
    public ConsoleFeedEntry? Find(string channel, string messageId)
    {
        lock (_lock)
        {
            return _channels.TryGetValue(channel, out var feed) ? feed.Entries.Find(entry => entry.Id == messageId) : null;
        }
    }

    /// <summary>The entries of <paramref name="channel"/> posted or replaced after sequence <paramref name="after"/>, oldest change first.</summary>
    public ConsoleFeedPage Read(string channel, long after, int limit = MaxPage)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        limit = Math.Clamp(limit, 1, MaxPage);
        lock (_lock)
        {
            if (!_channels.TryGetValue(channel, out var feed))
            {
                return new ConsoleFeedPage(channel, 0, [], Reset: after > 0);
            }

            if (after > feed.Sequence)
            {
                return new ConsoleFeedPage(channel, feed.Sequence, [], Reset: true);
            }

            var changed = feed.Entries.Where(entry => entry.Sequence > after).OrderBy(entry => entry.Sequence).Take(limit).ToList();
            return new ConsoleFeedPage(channel, changed.Count == limit ? changed[^1].Sequence : feed.Sequence, changed, Reset: false);
        }
    }

    private static (string Text, string Json, string Html) Render(ChatMessage message) =>
        (PlainText.Render(message), ChatMessageJson.Serialize(message), Html.Render(message));

    private ConsoleChannelFeed Channel(string channel)
    {
        if (!_channels.TryGetValue(channel, out var feed))
        {
            if (_channels.Count >= MaxChannels)
            {
                _channels.Remove(_channels.MinBy(pair => pair.Value.LastUsed).Key);
            }

            _channels[channel] = feed = new ConsoleChannelFeed();
        }

        feed.LastUsed = ++_activity;
        return feed;
    }
}
