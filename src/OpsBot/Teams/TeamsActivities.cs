using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.Chat;

namespace OpsBot.Teams;

/// <summary>Reading Teams specifics out of an activity (tenant, user, channel name) without trusting its shape.</summary>
public static class TeamsActivities
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string AdaptiveCardAction = "adaptiveCard/action";

    /// <summary>
    /// Reads an inbound activity: JSON with no repeated property (<see cref="InboundJson"/>), whose fields have the kinds
    /// of <see cref="BotActivity"/> (<c>from</c>, <c>conversation</c> and <c>channelData</c> objects, strings where strings
    /// go); otherwise a refusal naming the first problem.
    /// </summary>
    public static InboundRead<BotActivity> Read(ReadOnlyMemory<byte> body)
    {
        if (InboundJson.ParseObject(body, out var refusal) is not { } json)
        {
            return InboundRead<BotActivity>.Refuse(refusal!);
        }

        try
        {
            return json.Deserialize(TeamsJsonContext.Default.BotActivity) is { } activity
                ? activity
                : InboundRead<BotActivity>.Refuse("the body is not a Bot Framework activity");
        }
        catch (JsonException error)
        {
            // The message names the field (its JSON path) and the type expected, nothing of the value.
            return InboundRead<BotActivity>.Refuse("the activity has a field of the wrong kind: " + LogText.Sanitize(error.Message));
        }
    }

    /// <summary>
    /// What is wrong with the parts of a validated activity that are free-form JSON and that OpsBot reads: an
    /// <c>adaptiveCard/action</c> invoke's <c>value.action</c> (an object, <c>verb</c> a string, <c>data</c> an object), and
    /// a message's <c>value</c> (a card's data: an object); <see langword="null"/> when nothing is.
    /// </summary>
    public static string? ShapeProblem(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Value is null)
        {
            return null;
        }

        if (activity.Value is not JsonObject value)
        {
            return $"\"value\" must be an object, not {KindOf(activity.Value)}";
        }

        if (activity.Type != Invoke || activity.Name != AdaptiveCardAction || !value.TryGetPropertyValue("action", out var action) || action is null)
        {
            return null;
        }

        if (action is not JsonObject actionObject)
        {
            return $"\"value.action\" must be an object, not {KindOf(action)}";
        }

        if (actionObject.TryGetPropertyValue("verb", out var verb) && verb is not null && verb.GetValueKind() != JsonValueKind.String)
        {
            return $"\"value.action.verb\" must be a string, not {KindOf(verb)}";
        }

        return actionObject.TryGetPropertyValue("data", out var data) && data is not null and not JsonObject
            ? $"\"value.action.data\" must be an object, not {KindOf(data)}"
            : null;
    }

    private static string KindOf(JsonNode node) => JsonFields.KindName(node.GetValueKind());

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
