using System.Text.Json.Nodes;

namespace OpsBot.Testing.Slack;

/// <summary>
/// Payloads shaped like Slack's (interaction and Events API), per PROTOCOLS.md; sign them with <see cref="SlackRequestSigner"/>
/// (slash commands: <see cref="SlackRequestSigner.CommandForm"/>). Shared by the tests and the benchmarks.
/// </summary>
public static class SlackPayloads
{
    // https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
    public static JsonObject BlockActions(string user, string channel, string actionId, string value, Uri responseUrl, string messageTs, bool ephemeral = false) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = "T0001" },
        ["api_app_id"] = "A0001",
        ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "opsbot-test" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
        ["trigger_id"] = NewTriggerId(),
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

    /// <summary>A trigger id shaped like Slack's (digits, a dot group and a hex tail), unique per call.</summary>
    public static string NewTriggerId() => $"{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}.1111.{Guid.NewGuid():n}";

    /// <summary>An interaction as Slack posts it to the request URL: form-encoded <c>payload=</c> JSON.</summary>
    public static string InteractionForm(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

    // https://docs.slack.dev/reference/interaction-payloads/shortcuts (a message shortcut)
    public static JsonObject MessageAction(string callbackId, string user, string channel, string messageTs, string messageUser, string messageText, Uri responseUrl, string? threadTs = null)
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = messageUser, ["ts"] = messageTs, ["text"] = messageText };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return new JsonObject
        {
            ["type"] = "message_action",
            ["token"] = "deprecated",
            ["action_ts"] = "1900000003.000003",
            ["team"] = new JsonObject { ["id"] = "T0001", ["domain"] = "opsbot-test" },
            ["user"] = new JsonObject { ["id"] = user, ["name"] = user.ToLowerInvariant(), ["team_id"] = "T0001" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "inc-channel" },
            ["is_enterprise_install"] = false,
            ["callback_id"] = callbackId,
            ["trigger_id"] = NewTriggerId(),
            ["response_url"] = responseUrl.AbsoluteUri,
            ["message_ts"] = messageTs,
            ["message"] = message,
        };
    }

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
