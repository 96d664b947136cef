using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.Testing.Teams;

/// <summary>Activities as Teams sends them (shapes from the Bot Framework and Teams docs), and posting them signed. Shared by the tests and the benchmarks.</summary>
public static class Activities
{
    public const string ChannelId = "19:ops-incidents@thread.tacv2";
    public const string PersonalChatId = "a:1Hq7pBx-personal-chat";

    /// <summary>A channel message <paramref name="messageId"/>: a new post, or a reply in the thread of <paramref name="threadRoot"/>.</summary>
    public static JsonObject ChannelMessage(FakeBotFrameworkChannel channel, string text, string messageId = "1001", string user = "aad-alice", string tenant = FakeBotFrameworkChannel.TenantId, string? threadRoot = null) => new()
    {
        ["type"] = "message",
        ["id"] = messageId,
        ["timestamp"] = "2030-01-01T00:00:00.000Z",
        ["serviceUrl"] = channel.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = From(user),
        ["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = tenant,
            ["id"] = ChannelId + ";messageid=" + (threadRoot ?? messageId),
        },
        ["recipient"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId, ["name"] = "OpsBot" },
        ["textFormat"] = "plain",
        ["text"] = text,
        ["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>OpsBot</at>", ["mentioned"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId, ["name"] = "OpsBot" } },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US" }),
        ["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = ChannelId,
            ["teamsTeamId"] = "19:team-general@thread.tacv2",
            ["channel"] = new JsonObject { ["id"] = ChannelId, ["name"] = "incidents" },
            ["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2" },
            ["tenant"] = new JsonObject { ["id"] = tenant },
        },
    };

    public static JsonObject PersonalMessage(FakeBotFrameworkChannel channel, string text, string user = "aad-alice") => new()
    {
        ["type"] = "message",
        ["id"] = "1700000000001",
        ["serviceUrl"] = channel.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = From(user),
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = FakeBotFrameworkChannel.TenantId, ["id"] = PersonalChatId },
        ["recipient"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId, ["name"] = "OpsBot" },
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.TenantId } },
    };

    /// <summary>An <c>Action.Execute</c> press on the card <paramref name="cardId"/> in the channel thread of message 1001.</summary>
    public static JsonObject Execute(FakeBotFrameworkChannel channel, string actionId, string value, string cardId, string user = "aad-bob") => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = "f:invoke-" + Guid.NewGuid().ToString("n"),
        ["serviceUrl"] = channel.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = From(user),
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = FakeBotFrameworkChannel.TenantId, ["id"] = ChannelId + ";messageid=1001" },
        ["recipient"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId, ["name"] = "OpsBot" },
        ["replyToId"] = cardId,
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = actionId, ["data"] = new JsonObject { ["actionId"] = actionId, ["value"] = value } },
            ["trigger"] = "manual",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.TenantId } },
    };

    /// <summary>The same press through the <c>Action.Submit</c> fallback: a message whose value is the card's data.</summary>
    public static JsonObject Submit(FakeBotFrameworkChannel channel, string actionId, string value, string cardId, string user = "aad-bob")
    {
        var activity = Execute(channel, actionId, value, cardId, user);
        activity["type"] = "message";
        activity.Remove("name");
        activity["value"] = new JsonObject { ["actionId"] = actionId, ["value"] = value };
        return activity;
    }

    /// <summary>The bot was added to the team: Teams sends the channel's conversation.</summary>
    public static JsonObject Installed(FakeBotFrameworkChannel channel) => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = "f:installed",
        ["serviceUrl"] = channel.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = From("aad-alice"),
        ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = FakeBotFrameworkChannel.TenantId, ["id"] = ChannelId },
        ["recipient"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId, ["name"] = "OpsBot" },
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = FakeBotFrameworkChannel.BotId }),
        ["channelData"] = new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2" },
            ["eventType"] = "teamMemberAdded",
            ["tenant"] = new JsonObject { ["id"] = FakeBotFrameworkChannel.TenantId },
        },
    };

    /// <summary>Posts an activity to the bot with <paramref name="token"/> (null: no Authorization header).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient bot, JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await bot.SendAsync(request);
    }

    /// <summary>Posts an activity signed as the Bot Connector signs it.</summary>
    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient bot, FakeBotFrameworkChannel channel, JsonObject activity, TokenSpec? spec = null) =>
        PostAsync(bot, activity, channel.Token((string)activity["serviceUrl"]!, spec));

    private static JsonObject From(string user) => new()
    {
        ["id"] = "29:1teams-" + user,
        ["name"] = user switch { "aad-alice" => "Alice", "aad-bob" => "Bob", _ => "Mallory" },
        ["aadObjectId"] = user,
    };
}
