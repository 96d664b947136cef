namespace OpsBot.Workflows.Incidents.Policy;

/// <summary>
/// Channel ids in configuration (<c>Incidents:StakeholderChannels</c>, <c>EscalationChannels</c>): <c>slack:C0123ABC</c>
/// (a Slack channel id: C or G and upper-case letters and digits), <c>teams:CONVERSATION</c> (a Teams conversation id),
/// <c>console:NAME</c> (a console channel: lower case letters, digits, '-', '_').
/// </summary>
public static class StakeholderChannelIds
{
    /// <summary>Whether <paramref name="id"/> is one of the forms above; otherwise says why and what to use.</summary>
    public static bool IsValid(string? id, out string? problem)
    {
        problem = null;
        var colon = id?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (id is null || colon <= 0 || colon == id.Length - 1 || id.Any(char.IsWhiteSpace))
        {
            problem = $"\"{id}\" is not a channel; use \"slack:C0123ABC\", \"teams:19:…@thread.tacv2\" or \"console:status\"";
            return false;
        }

        var platform = id[..colon];
        var channel = id[(colon + 1)..];
        switch (platform)
        {
            case "slack" when channel.Length >= 3 && channel[0] is 'C' or 'G' && channel.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)):
            case "teams" when channel.Length <= 400:
            case "console" when channel.Length <= 80 && channel.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'):
                return true;
            case "slack":
                problem = $"\"{id}\" is not a Slack channel id; use the id (\"slack:C0123ABC\", from the channel's details), not its name";
                return false;
            case "teams":
                problem = $"\"{id}\" is too long for a Teams conversation id";
                return false;
            case "console":
                problem = $"\"{id}\" is not a console channel; use lower case letters, digits, '-' and '_' (\"console:status\")";
                return false;
            default:
                problem = $"\"{id}\" names the platform \"{platform}\"; use slack, teams or console";
                return false;
        }
    }
}
