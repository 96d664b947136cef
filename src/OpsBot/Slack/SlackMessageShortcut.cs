using System.Text.Json;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// The fields of a message shortcut (<c>message_action</c>) OpsBot uses, read without trusting the payload's shape. Only
/// the message's <c>ts</c> (and its thread) is taken from it: what the message says is read back from Slack by whoever acts.
/// https://docs.slack.dev/reference/interaction-payloads/shortcuts
/// </summary>
public sealed record SlackMessageShortcut
{
    /// <summary>The callback id of "Add to timeline" (<c>features.shortcuts</c> in manifests/slack/app-manifest.yaml).</summary>
    public const string AddToTimeline = "add_to_timeline";

    public required string CallbackId { get; init; }

    public required string UserId { get; init; }

    public string? UserName { get; init; }

    public required string ChannelId { get; init; }

    public string? ChannelName { get; init; }

    public string? TriggerId { get; init; }

    public Uri? ResponseUrl { get; init; }

    /// <summary>The <c>ts</c> of the message the shortcut was used on.</summary>
    public required string MessageTs { get; init; }

    /// <summary>The thread the message is in (its parent's <c>ts</c>), if any.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>
    /// Reads an interaction payload: a <c>message_action</c> with a callback id, a user, a channel and a message ts;
    /// any other interaction type is left to <see cref="SlackBlockActions.Read"/> (ignored here); a field of the wrong
    /// kind, or a missing one, is a refusal.
    /// </summary>
    public static InboundRead<SlackMessageShortcut> Read(JsonElement payload)
    {
        if (SlackInteractionType.NotOf<SlackMessageShortcut>(payload, "message_action") is { } notThis)
        {
            return notThis;
        }

        var fields = new JsonFields(payload, "message_action");
        var callbackId = fields.Required("callback_id");
        var user = fields.Required("user", "id");
        var username = fields.String("user", "username");
        var name = fields.String("user", "name");
        var channel = fields.Required("channel", "id");
        var channelName = fields.String("channel", "name");
        var ts = fields.Required("message", "ts");
        var threadTs = fields.String("message", "thread_ts");
        var triggerId = fields.String("trigger_id");
        var responseUrl = fields.String("response_url");
        if (fields.Error is { } refusal)
        {
            return InboundRead<SlackMessageShortcut>.Refuse(refusal);
        }

        return new SlackMessageShortcut
        {
            CallbackId = callbackId!,
            UserId = user!,
            UserName = username ?? name,
            ChannelId = channel!,
            ChannelName = channelName,
            TriggerId = triggerId,
            ResponseUrl = Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
            MessageTs = ts!,
            // A reply's thread_ts names its parent; a parent's own thread_ts is itself (it is then not "in" a thread).
            ThreadTs = threadTs is not null && threadTs != ts ? threadTs : null,
        };
    }
}
