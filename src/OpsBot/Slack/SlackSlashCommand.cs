using System.Text.Json;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// The fields of a slash command OpsBot uses, from the HTTP form or a Socket Mode <c>slash_commands</c> payload.
/// https://docs.slack.dev/interactivity/implementing-slash-commands
/// </summary>
public sealed record SlackSlashCommand
{
    public required string Command { get; init; }

    public string Text { get; init; } = "";

    public required string UserId { get; init; }

    public string? UserName { get; init; }

    public required string ChannelId { get; init; }

    public string? ChannelName { get; init; }

    public string? TeamId { get; init; }

    public Uri? ResponseUrl { get; init; }

    /// <summary>Unique per invocation: the deduplication key of a command.</summary>
    public string? TriggerId { get; init; }

    /// <summary>The text the pipeline runs: <c>/k8s pods -n shop</c>.</summary>
    public string CommandText => (Command + " " + Text).Trim();

    /// <summary>Reads the fields through <paramref name="field"/>; <see langword="null"/> when a required one is missing.</summary>
    public static SlackSlashCommand? From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var command = field("command");
        var user = field("user_id");
        var channel = field("channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        return new SlackSlashCommand
        {
            Command = command,
            Text = field("text") ?? "",
            UserId = user,
            UserName = field("user_name"),
            ChannelId = channel,
            ChannelName = field("channel_name"),
            TeamId = field("team_id"),
            ResponseUrl = Uri.TryCreate(field("response_url"), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
            TriggerId = field("trigger_id"),
        };
    }

    /// <summary>What a slash command without its required fields is told.</summary>
    public const string MissingFields = "A slash command needs command, user_id and channel_id.";

    /// <summary>
    /// From a Socket Mode payload (the same fields as JSON); <see langword="null"/> with the reason when a field has the
    /// wrong kind or a required one is missing.
    /// </summary>
    public static SlackSlashCommand? From(JsonElement payload, out string? refusal)
    {
        var fields = new JsonFields(payload, "slash command");
        var command = From(name => fields.String(name));
        refusal = fields.Error ?? (command is null ? MissingFields : null);
        return refusal is null ? command : null;
    }
}
