using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OpsBot.ActionWorkflows;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Incidents;

/// <summary>
/// Who a person named in a command is (<c>--commander @bob</c>, <c>/incident role comms @bob</c>): a Slack mention
/// (<c>&lt;@U0BOB|bob&gt;</c>), an explicit <c>platform:id</c>, or a name configured under <c>Authorization:Users</c> (its id
/// on the platform of the request, else its <c>Person</c>). Anything else is unknown: no guess assigns a role to a stranger.
/// </summary>
public sealed partial class IncidentPeople(ICommandAuthorizer authorizer, IOptions<AuthorizationOptions> authorization)
{
    /// <summary>The person who made <paramref name="request"/>.</summary>
    public Actor Of(ChatRequest request) => Actors.From(request, authorizer);

    /// <summary>The person <paramref name="mention"/> names, seen from <paramref name="request"/>; <see langword="null"/> when unknown.</summary>
    public Actor? Resolve(ChatRequest request, string? mention)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = mention?.Trim() ?? string.Empty;
        if (SlackMention().Match(text) is { Success: true } slack)
        {
            return Person(ChatPlatform.Slack, slack.Groups["id"].Value, slack.Groups["name"].Success ? slack.Groups["name"].Value : null, request.ChannelId);
        }

        var name = text.TrimStart('@');
        if (!PlainName().IsMatch(name))
        {
            return null;
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<ChatPlatform>(name[..colon], ignoreCase: true, out var platform) && colon < name.Length - 1)
        {
            return Person(platform, name[(colon + 1)..], null, request.ChannelId);
        }

        var users = authorization.Value.Users;
        var here = Actors.PlatformName(request.Platform) + ":";
        var match = users.FirstOrDefault(user => string.Equals(user.Id, here + name, StringComparison.OrdinalIgnoreCase))
            ?? users.FirstOrDefault(user => user.Id.StartsWith(here, StringComparison.OrdinalIgnoreCase) && string.Equals(user.Person, name, StringComparison.OrdinalIgnoreCase))
            ?? users.FirstOrDefault(user => string.Equals(user.Person, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return null;
        }

        var separator = match.Id.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && Enum.TryParse<ChatPlatform>(match.Id[..separator], ignoreCase: true, out var matchPlatform)
            ? Person(matchPlatform, match.Id[(separator + 1)..], name, request.ChannelId)
            : null;
    }

    /// <summary>How to name someone on the request's platform (for the refusal of an unknown name).</summary>
    public static string Hint(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Slack => "Mention them (@name) so Slack gives their id, or write slack:U0123ABC.",
        ChatPlatform.Teams => "Write their configured name (Authorization:Users) or teams:<their AAD object id>.",
        _ => "Write a user name configured under Authorization:Users (e.g. @bob), or platform:id.",
    };

    private Actor Person(ChatPlatform platform, string userId, string? name, string channel)
    {
        var actor = new Actor(Actors.PlatformName(platform), userId, channel) { Name = name ?? userId };
        return actor with { Person = authorizer.PersonOf(Actors.ToRequest(actor)) };
    }

    // https://docs.slack.dev/messaging/formatting-message-text#mentioning-users: <@U0123ABC> or <@U0123ABC|name>.
    [GeneratedRegex(@"^<@(?<id>[UW][A-Z0-9]{2,20})(\|(?<name>[^>]{1,80}))?>$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackMention();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:@\-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
