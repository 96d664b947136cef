using System.Text.Json.Nodes;

namespace OpsBot.Tests.Slack;

/// <summary>Payloads shaped like Slack's (interaction and Events API), per PROTOCOLS.md.</summary>
internal static class SlackPayloads
{
    // https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
    public static JsonObject BlockActions(string user, string channel, string actionId, string value, Uri responseUrl, string messageTs, bool ephemeral = false) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = "T0001" },
        ["api_app_id"] = "A0001",
        ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "opsbot-test" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
        ["trigger_id"] = SlackHost.NewTriggerId(),
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "incident" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "Approval needed", ["blocks"] = new JsonArray() },
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "b1",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Approve" },
            ["value"] = value,
            ["action_ts"] = "1900000002.000002",
        }),
    };

    // https://docs.slack.dev/reference/events/app_mention
    public static JsonObject Mention(string eventId, string user, string channel, string text, string ts, string? threadTs = null) =>
        Callback(eventId, new JsonObject { ["type"] = "app_mention", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts, ["thread_ts"] = threadTs });

    // https://docs.slack.dev/reference/events/message.im
    public static JsonObject DirectMessage(string eventId, string user, string channel, string text, string ts, string? botId = null) =>
        Callback(eventId, new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = user, ["text"] = text, ["ts"] = ts, ["channel"] = channel, ["event_ts"] = ts, ["bot_id"] = botId });

    // https://docs.slack.dev/reference/events/reaction_added
    public static JsonObject ReactionAdded(string eventId, string user, string reaction, string channel, string ts) =>
        Callback(eventId, new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = user,
            ["reaction"] = reaction,
            ["item_user"] = "UCAROL",
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel, ["ts"] = ts },
            ["event_ts"] = "1900000009.000100",
        });

    private static JsonObject Callback(string eventId, JsonObject slackEvent)
    {
        foreach (var key in slackEvent.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            slackEvent.Remove(key);
        }

        return new JsonObject
        {
            ["token"] = "deprecated",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A0001",
            ["event"] = slackEvent,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1_900_000_001,
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T0001", ["user_id"] = "U0BOT", ["is_bot"] = true }),
        };
    }
}
