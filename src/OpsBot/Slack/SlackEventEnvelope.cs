using System.Text.Json;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// The fields of an Events API delivery OpsBot uses: a <c>url_verification</c> challenge, or an <c>event_callback</c>
/// with its event, read without trusting the body's shape.
/// https://docs.slack.dev/apis/events-api/
/// </summary>
public sealed record SlackEventEnvelope
{
    /// <summary><c>url_verification</c> or <c>event_callback</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The challenge to echo (<c>url_verification</c>).</summary>
    public string? Challenge { get; init; }

    /// <summary>Deduplicates retries.</summary>
    public string? EventId { get; init; }

    /// <summary><c>app_mention</c>, <c>message</c>, …</summary>
    public string? EventType { get; init; }

    public string? ChannelType { get; init; }

    public string? User { get; init; }

    public string? Channel { get; init; }

    /// <summary>Posted by a bot (<c>bot_id</c> set): never answered, or bots would talk to each other forever.</summary>
    public bool FromBot { get; init; }

    /// <summary>An edit, a join, … (<c>subtype</c> set): not a command.</summary>
    public string? Subtype { get; init; }

    public string? Text { get; init; }

    public string? Ts { get; init; }

    public string? ThreadTs { get; init; }

    /// <summary><c>reaction_added</c>: the emoji's name (<c>pushpin</c>).</summary>
    public string? Reaction { get; init; }

    /// <summary><c>reaction_added</c>: the reacted-to item's channel and ts, when it is a message.</summary>
    public string? ItemChannel { get; init; }

    public string? ItemTs { get; init; }

    public static InboundRead<SlackEventEnvelope> Read(JsonElement envelope)
    {
        var fields = new JsonFields(envelope, "event");
        var type = fields.String("type");
        if (type == "url_verification")
        {
            // https://docs.slack.dev/reference/events/url_verification
            var challenge = fields.String("challenge");
            return fields.Error is { } badChallenge
                ? InboundRead<SlackEventEnvelope>.Refuse(badChallenge)
                : new SlackEventEnvelope { Type = type, Challenge = challenge ?? string.Empty };
        }

        var hasEvent = fields.Object("event") is not null;
        if (fields.Error is { } refusal)
        {
            return InboundRead<SlackEventEnvelope>.Refuse(refusal);
        }

        if (type != "event_callback" || !hasEvent)
        {
            return InboundRead<SlackEventEnvelope>.Ignore($"event envelope {type ?? "(none)"}");
        }

        var read = new SlackEventEnvelope
        {
            Type = type,
            EventId = fields.String("event_id"),
            EventType = fields.String("event", "type"),
            ChannelType = fields.String("event", "channel_type"),
            User = fields.String("event", "user"),
            Channel = fields.String("event", "channel"),
            FromBot = fields.Has("event", "bot_id"),
            Subtype = fields.String("event", "subtype"),
            Text = fields.String("event", "text"),
            Ts = fields.String("event", "ts"),
            ThreadTs = fields.String("event", "thread_ts"),
            Reaction = fields.String("event", "reaction"),
            ItemChannel = fields.String("event", "item", "type") == "message" ? fields.String("event", "item", "channel") : null,
            ItemTs = fields.String("event", "item", "type") == "message" ? fields.String("event", "item", "ts") : null,
        };
        return fields.Error is { } badEvent ? InboundRead<SlackEventEnvelope>.Refuse(badEvent) : read;
    }
}
