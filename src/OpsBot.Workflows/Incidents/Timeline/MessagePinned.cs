namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A chat message someone marked for the timeline (Slack 📌 or "Add to timeline"; the console's button).</summary>
public sealed record MessagePinned : TimelineEntry
{
    public const int MaxText = 3000;

    public required string Platform { get; init; }

    public required string ChannelId { get; init; }

    public required string MessageId { get; init; }

    /// <summary>Who wrote the message (a display name), if known.</summary>
    public string? Author { get; init; }

    /// <summary>The message's text, at most 3,000 characters.</summary>
    public required string Text { get; init; }

    /// <summary>A permalink, if the platform gives one.</summary>
    public string? Link { get; init; }

    public override string Describe() => Author is null ? $"Pinned: {Text}" : $"Pinned ({Author}): {Text}";

    /// <summary>The key that makes pinning a message twice record it once.</summary>
    public static string KeyOf(string platform, string channelId, string messageId) => $"pin:{platform}:{channelId}:{messageId}";
}
