using System.Text.Json.Nodes;

namespace OpsBot.Tests.Slack;

/// <summary>Message shortcut payloads shaped like Slack's (https://docs.slack.dev/reference/interaction-payloads/shortcuts).</summary>
internal static class SlackShortcutPayloads
{
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
            ["trigger_id"] = SlackHost.NewTriggerId(),
            ["response_url"] = responseUrl.AbsoluteUri,
            ["message_ts"] = messageTs,
            ["message"] = message,
        };
    }
}
