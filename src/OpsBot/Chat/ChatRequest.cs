namespace OpsBot.Chat;

/// <summary>
/// A platform-neutral request, built by an adapter after it verified the caller (Slack signature,
/// Teams JWT, console token): who, where, and either a command text or a button press.
/// </summary>
public sealed record ChatRequest
{
    public required ChatPlatform Platform { get; init; }

    /// <summary>The platform's user id (Slack <c>U…</c>, Teams AAD object id, console user name).</summary>
    public required string UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The platform's channel / conversation id.</summary>
    public required string ChannelId { get; init; }

    public string? ChannelName { get; init; }

    /// <summary>
    /// The thread the request came from, when the platform says (a Teams channel thread's root activity id, a Slack
    /// message's <c>thread_ts</c>); incidents worked in a thread find their incident by it.
    /// </summary>
    public string? ThreadId { get; init; }

    /// <summary>The command as typed: <c>/k8s pods -n shop</c> (the slash is optional).</summary>
    public string? Text { get; init; }

    /// <summary>A button press, when this request is one.</summary>
    public ButtonPress? Button { get; init; }

    /// <summary>Ties logs, audit entries and replies of one request together.</summary>
    public string CorrelationId { get; init; } = Guid.NewGuid().ToString("n");
}

/// <summary>A pressed button: its action id and the opaque value it carried.</summary>
public sealed record ButtonPress(string ActionId, string Value);
