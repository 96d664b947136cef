using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Teams;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

/// <summary>
/// Teams commands in the unanswered-command journal: journaled before the 200, forgotten once the reply is in the thread;
/// one a dead process left behind gets exactly one notice under the command's message from the next process.
/// </summary>
public sealed class TeamsInterruptedCommandTests
{
    [Fact]
    public async Task Sweep_CommandLeftByADeadProcess_OneNoticeUnderTheCommandAndAnsweredOnesAreForgotten()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n ecommerce-production"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await channel.WaitForCallAsync(call => call.Method == "POST");
        var database = host.Services.GetRequiredService<StoreDatabase>();
        await Eventually.ValueAsync(() => CountAsync(database), count => count == 0, "the journal entry of the answered command forgotten");

        // What a process SIGKILLed with a command in flight leaves in the store (another owner than this process).
        var conversationId = Activities.ChannelId + ";messageid=1002";
        var reference = new ConversationReference(channel.ServiceUrl, Activities.ChannelId, "channel", FakeBotFrameworkChannel.TenantId, FakeBotFrameworkChannel.BotId);
        var address = JsonSerializer.Serialize(new TeamsReplyAddress(reference, conversationId, "1002"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var dead = new SqlUnansweredCommandJournal(database, new SqlClaimStore(database, TimeProvider.System), TimeProvider.System);
        await dead.RecordAsync(new UnansweredCommand("teams:" + conversationId + ":1002", ChatPlatform.Teams, "aad-alice", Activities.ChannelId, "k8s triage deploy/checkout", address, TimeProvider.System.GetUtcNow()));

        var recovery = host.Services.GetRequiredService<InterruptedCommandRecovery>();
        Assert.Equal(1, await recovery.SweepAsync());
        Assert.Equal(0, await recovery.SweepAsync());

        var notice = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith("/activities/1002", StringComparison.Ordinal));
        Assert.Equal("/amer/v3/conversations/" + conversationId + "/activities/1002", notice.Path);
        Assert.StartsWith("OpsBot could not answer \"k8s triage deploy/checkout\": it restarted", (string?)notice.Body!["text"], StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(database));
    }

    private static async Task<long> CountAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM unanswered_commands";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
