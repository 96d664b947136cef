namespace OpsBot.Slack;

/// <summary>Where and how a reply to one Slack request goes.</summary>
public sealed record SlackReplyTarget
{
    public required string ChannelId { get; init; }

    /// <summary>The requester (ephemeral replies without a <c>response_url</c> go to them by <c>chat.postEphemeral</c>).</summary>
    public required string UserId { get; init; }

    /// <summary>The command's or button's <c>response_url</c>; events have none.</summary>
    public Uri? ResponseUrl { get; init; }

    /// <summary>The thread replies belong to (an app mention's thread, a clicked message's thread).</summary>
    public string? ThreadTs { get; init; }

    /// <summary>For a button: the message that carried it (<c>container.message_ts</c>).</summary>
    public string? OriginalTs { get; init; }

    /// <summary>For a button: whether that message is ephemeral (then only <c>response_url</c> can change it).</summary>
    public bool OriginalIsEphemeral { get; init; }
}
