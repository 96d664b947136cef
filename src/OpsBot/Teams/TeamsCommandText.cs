using System.Net;
using System.Text.RegularExpressions;

namespace OpsBot.Teams;

/// <summary>
/// The command in a Teams message: channel messages start with the bot's mention
/// (<c>&lt;at&gt;OpsBot&lt;/at&gt; triage frontend</c>), text may carry HTML tags and entities, and
/// clients type curly quotes. What is left goes to the same parser as Slack (the slash is optional).
/// https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions
/// </summary>
public static partial class TeamsCommandText
{
    public static string From(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        foreach (var entity in activity.Entities ?? [])
        {
            // The mention entity's text is the exact markup of the mention, e.g. "<at>OpsBot</at>".
            if (TeamsActivities.StringAt(entity, "type") == "mention"
                && TeamsActivities.StringAt(entity, "mentioned", "id") is { } id
                && id == activity.Recipient?.Id
                && TeamsActivities.StringAt(entity, "text") is { Length: > 0 } mention)
            {
                text = text.Replace(mention, " ", StringComparison.Ordinal);
            }
        }

        text = Mention().Replace(text, " ");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text)
            .Replace('\u00A0', ' ')
            .Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u201E', '"')
            .Replace('\u2018', '\'').Replace('\u2019', '\'');
        return text.Trim();
    }

    // NonBacktracking: linear in the text's length whatever it holds (a message of many unclosed <at> is not a CPU sink).
    [GeneratedRegex("<at\\b[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Mention();

    [GeneratedRegex("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>", RegexOptions.NonBacktracking)]
    private static partial Regex Tag();
}
