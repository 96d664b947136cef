using System.Text.Json.Nodes;

namespace OpsBot.Testing.Slack;

/// <summary>
/// One message the fake Slack accepted: through <c>chat.postMessage</c>, <c>chat.postEphemeral</c>,
/// <c>chat.update</c> or a <c>response_url</c> POST.
/// </summary>
public sealed record FakeSlackMessage
{
    /// <summary><c>chat.postMessage</c>, <c>chat.postEphemeral</c>, <c>chat.update</c> or <c>response_url</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The channel (for <c>response_url</c>: the channel the URL was issued for).</summary>
    public required string Channel { get; init; }

    /// <summary>The message's ts (assigned by the fake for posts; the updated message's for <c>chat.update</c>).</summary>
    public string? Ts { get; init; }

    public string? ThreadTs { get; init; }

    /// <summary>The recipient of an ephemeral message.</summary>
    public string? User { get; init; }

    public string? Text { get; init; }

    public JsonArray? Blocks { get; init; }

    /// <summary>response_url only: <c>ephemeral</c> (the default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }

    public bool ReplaceOriginal { get; init; }

    public bool DeleteOriginal { get; init; }

    /// <summary>response_url only: which URL (as issued by <see cref="FakeSlack.NewResponseUrl"/>).</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>When the fake received it, on the fake's monotonic clock.</summary>
    public TimeSpan ReceivedAt { get; init; }

    /// <summary>The whole request body.</summary>
    public required JsonObject Body { get; init; }
}
