using System.Text.Json;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>The first read of every interaction payload: its <c>type</c>, which decides which reader takes it.</summary>
internal static class SlackInteractionType
{
    /// <summary>
    /// Null when <paramref name="payload"/> is of type <paramref name="expected"/>; otherwise the answer for it: ignored
    /// (another type, left to its own reader), or refused when <c>type</c> is not a string.
    /// </summary>
    public static InboundRead<T>? NotOf<T>(JsonElement payload, string expected)
        where T : class
    {
        var fields = new JsonFields(payload, "interaction");
        var type = fields.String("type");
        if (fields.Error is { } badType)
        {
            return InboundRead<T>.Refuse(badType);
        }

        return type == expected ? (InboundRead<T>?)null : InboundRead<T>.Ignore($"interaction type {type ?? "(none)"}");
    }
}
