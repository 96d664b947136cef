using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.Testing.Slack;

/// <summary>
/// <c>conversations.create</c> and <c>conversations.invite</c> as Slack checks them: the bot token's scopes
/// (<c>channels:manage</c> for public channels, else <c>missing_scope</c> with what was <c>needed</c>), the name rules
/// (required, ≤ 80 characters, only lower case letters, digits, hyphens and underscores, unique), and invites only into
/// channels that exist. https://docs.slack.dev/reference/methods/conversations.create and …/conversations.invite
/// </summary>
public sealed partial class FakeSlack
{
    private const string ManageChannels = "channels:manage";
    private long _nextChannel;

    /// <summary>The bot token's scopes that gate the conversation methods; remove <c>channels:manage</c> to get <c>missing_scope</c>.</summary>
    public ConcurrentDictionary<string, bool> Scopes { get; } = new(StringComparer.Ordinal) { [ManageChannels] = true, ["channels:history"] = true, ["files:write"] = true };

    /// <summary>Channels created through <c>conversations.create</c>: name → id.</summary>
    public ConcurrentDictionary<string, string> CreatedChannels { get; } = new(StringComparer.Ordinal);

    /// <summary>Invitations accepted: (channel id, user id), in order.</summary>
    public ConcurrentQueue<(string Channel, string User)> Invites { get; } = new();

    private (string?, JsonObject) CreateConversation(JsonObject arguments)
    {
        if (!Scopes.ContainsKey(ManageChannels))
        {
            return ("missing_scope", new JsonObject { ["needed"] = ManageChannels, ["provided"] = string.Join(",", Scopes.Keys.Order(StringComparer.Ordinal)) });
        }

        var name = (string?)arguments["name"];
        if (string.IsNullOrEmpty(name))
        {
            return ("invalid_name_required", []);
        }

        if (name.Length > 80)
        {
            return ("invalid_name_maxlength", []);
        }

        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
        {
            return ("invalid_name_specials", []);
        }

        var id = "C9" + Interlocked.Increment(ref _nextChannel).ToString("D8", CultureInfo.InvariantCulture);
        return CreatedChannels.TryAdd(name, id)
            ? (null, new JsonObject { ["channel"] = new JsonObject { ["id"] = id, ["name"] = name, ["is_channel"] = true, ["is_private"] = (bool?)arguments["is_private"] == true } })
            : ("name_taken", []);
    }

    private (string?, JsonObject) InviteToConversation(JsonObject arguments)
    {
        if (!Scopes.ContainsKey(ManageChannels))
        {
            return ("missing_scope", new JsonObject { ["needed"] = ManageChannels });
        }

        var channel = (string?)arguments["channel"];
        if (string.IsNullOrEmpty(channel) || !CreatedChannels.Values.Contains(channel, StringComparer.Ordinal))
        {
            return ("channel_not_found", []);
        }

        var users = ((string?)arguments["users"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (users.Length == 0)
        {
            return ("no_user", []);
        }

        foreach (var user in users)
        {
            Invites.Enqueue((channel, user));
        }

        return (null, new JsonObject { ["channel"] = new JsonObject { ["id"] = channel } });
    }
}
