using System.Text.Json.Nodes;

namespace OpsBot.Teams;

/// <summary>
/// A Bot Framework activity, inbound or outbound: the fields OpsBot reads or writes.
/// https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
/// </summary>
public sealed record BotActivity
{
    /// <summary><c>message</c>, <c>invoke</c>, <c>conversationUpdate</c>, …</summary>
    public string? Type { get; init; }

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Where replies go; must equal the token's <c>serviceurl</c> claim.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary><c>msteams</c> for Teams; must be among the signing key's endorsements.</summary>
    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    /// <summary>Notification preview of an outbound card message.</summary>
    public string? Summary { get; init; }

    /// <summary>An invoke's payload, or the data of an <c>Action.Submit</c>.</summary>
    public JsonNode? Value { get; init; }

    /// <summary>An invoke's name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; init; }

    public string? ReplyToId { get; init; }

    public JsonObject? ChannelData { get; init; }

    public IReadOnlyList<JsonObject>? Entities { get; init; }

    public IReadOnlyList<BotAttachment>? Attachments { get; init; }
}
