using System.Text.Json;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// The fields of a <c>block_actions</c> interaction OpsBot uses, read from the payload without trusting its shape.
/// https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
/// </summary>
public sealed record SlackBlockActions
{
    public required string UserId { get; init; }

    public string? UserName { get; init; }

    public required string ChannelId { get; init; }

    public string? ChannelName { get; init; }

    public string? TriggerId { get; init; }

    public Uri? ResponseUrl { get; init; }

    /// <summary>The <c>ts</c> of the message that carried the button.</summary>
    public string? MessageTs { get; init; }

    public string? ThreadTs { get; init; }

    public bool IsEphemeral { get; init; }

    /// <summary>The buttons pressed (Slack sends one per click), as (action_id, value).</summary>
    public required IReadOnlyList<(string ActionId, string Value)> Actions { get; init; }

    /// <summary>
    /// Reads an interaction payload: a <c>block_actions</c> with a user and actions, an interaction to ignore (another
    /// type, or a press outside a channel such as in a modal), or a refusal when a field OpsBot reads has the wrong kind.
    /// </summary>
    public static InboundRead<SlackBlockActions> Read(JsonElement payload)
    {
        if (SlackInteractionType.NotOf<SlackBlockActions>(payload, "block_actions") is { } notThis)
        {
            return notThis;
        }

        var fields = new JsonFields(payload, "block_actions");
        // Every field is read (no short cut through "??"), so that any of them of the wrong kind is refused.
        var user = fields.Required("user", "id");
        var username = fields.String("user", "username");
        var name = fields.String("user", "name");
        var channelId = fields.String("channel", "id");
        var containerChannel = fields.String("container", "channel_id");
        var channelName = fields.String("channel", "name");
        var containerTs = fields.String("container", "message_ts");
        var containerThread = fields.String("container", "thread_ts");
        var messageTs = fields.String("message", "ts");
        var messageThread = fields.String("message", "thread_ts");
        var userName = username ?? name;
        var channel = channelId ?? containerChannel;
        var originalTs = containerTs ?? messageTs;
        var threadTs = messageThread ?? containerThread ?? originalTs;
        var ephemeral = fields.Bool("container", "is_ephemeral") ?? false;
        var triggerId = fields.String("trigger_id");
        var responseUrl = fields.String("response_url");
        var actions = new List<(string, string)>();
        string? actionRefusal = null;
        if (fields.Array("actions") is { } list)
        {
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var action = new JsonFields(element, "block_actions", $"actions[{index++}]");
                if (element.ValueKind != JsonValueKind.Object)
                {
                    actionRefusal = $"block_actions: \"actions[{index - 1}]\" must be an object, not {JsonFields.KindName(element.ValueKind)}";
                    break;
                }

                var actionId = action.String("action_id");
                var value = action.String("value") ?? string.Empty;
                if (action.Error is { } bad)
                {
                    actionRefusal = bad;
                    break;
                }

                if (actionId is not null)
                {
                    actions.Add((actionId, value));
                }
            }
        }
        else
        {
            fields.Fail("\"actions\" is required");
        }

        if ((fields.Error ?? actionRefusal) is { } refusal)
        {
            return InboundRead<SlackBlockActions>.Refuse(refusal);
        }

        if (channel is null)
        {
            // A press in a modal or the App Home has no channel to answer in; OpsBot posts no such buttons.
            return InboundRead<SlackBlockActions>.Ignore("block_actions outside a channel");
        }

        return new SlackBlockActions
        {
            UserId = user!,
            UserName = userName,
            ChannelId = channel,
            ChannelName = channelName,
            TriggerId = triggerId,
            ResponseUrl = Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
            MessageTs = originalTs,
            ThreadTs = threadTs,
            IsEphemeral = ephemeral,
            Actions = actions,
        };
    }
}
