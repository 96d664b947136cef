using System.Text.Json.Nodes;

namespace OpsBot.Chat.Teams;

/// <summary>Reading Teams specifics out of an activity (tenant, user, channel name) without trusting its shape.</summary>
public static class TeamsActivities
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string AdaptiveCardAction = "adaptiveCard/action";

    /// <summary>The conversation's tenant: <c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>.</summary>
    public static string? TenantOf(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.TenantId is { Length: > 0 } tenant ? tenant : StringAt(activity.ChannelData, "tenant", "id");
    }

    /// <summary>Who acted: the Entra object id (stable across chats), else the Teams user id.</summary>
    public static string? UserIdOf(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id;
    }

    /// <summary>A readable name for the conversation (the channel's name in a team).</summary>
    public static string? ConversationNameOf(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return StringAt(activity.ChannelData, "channel", "name") ?? activity.Conversation?.Name;
    }

    /// <summary>The string at <paramref name="path"/>, or <see langword="null"/> when absent or not a string.</summary>
    public static string? StringAt(JsonNode? node, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var next) ? next : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
