using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat.Delivery;
using OpsBot.Incidents;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Tests.Slack;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// An approved stakeholder update whose delivery claim met the database down: the Approve press was recorded (the reply says
/// so, never "nothing was done"), nothing was posted, and once the database answers again the delivery sweep
/// (<see cref="IncidentDeliverySweep"/>) posts it to the status channel exactly once and records it Sent; a second sweep
/// posts nothing. Through Slack (signed slash commands and button presses against <see cref="FakeSlack"/>), on SQLite
/// (the provider's error at the claim) and on a PostgreSQL of its own (the real server stopped at the claim).
/// </summary>
public sealed class UpdateRedeliveryTests
{
    private const string Status = "C0STATUS";

    [Fact]
    public async Task ApproveUpdate_DatabaseDownAtTheDeliveryClaim_OnSqlite_SweepPostsItOnceAndRecordsItSent()
    {
        await RunAsync(_ => Task.FromException(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10)), () => Task.CompletedTask);
    }

    [Fact]
    public async Task ApproveUpdate_DatabaseDownAtTheDeliveryClaim_OnPostgres_SweepPostsItOnceAndRecordsItSent()
    {
        await using var server = await PostgresServer.StartAsync();
        var connection = await server.CreateDatabaseAsync();
        await RunAsync(
            _ => server.TakeDownAsync(),
            () => server.BringUpAsync(),
            ("Storage:Provider", StorageProviders.Postgres),
            ("Storage:ConnectionString", connection));
    }

    private static async Task RunAsync(Func<OutageIncidentStore, Task> outage, Func<Task> recover, params (string Key, string Value)[] storage)
    {
        await using var slack = await FakeSlack.StartAsync();
        OutageIncidentStore? store = null;
        (string, string)[] settings =
        [
            ("Slack:InlineReplyBudget", "00:00:02"),
            ("Jobs:Enabled", "false"),
            ("Incidents:StakeholderChannels:0", "slack:" + Status),
            .. storage,
        ];
        await using var host = SlackHost.HttpWith(
            slack,
            services =>
            {
                services.AddSingleton(provider => store = new OutageIncidentStore(new SqlIncidentStore(provider.GetRequiredService<StoreDatabase>())));
                services.AddSingleton<IIncidentStore>(provider => provider.GetRequiredService<OutageIncidentStore>());
            },
            settings);
        using var client = host.Client();
        var declared = await CommandAsync(host, client, slack, "declare sev2 \"Checkout slow\"", "C0INCIDENT", "UALICE");
        var id = Regex.Match(declared.ToJsonString(), @"INC-\d{4}-\d{4}").Value;
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        using (var drafted = await host.CommandAsync(client, "/incident", "update \"Checkout is slow for some users; a fix is rolling out.\"", slack.NewResponseUrl(channel), "UBOB", channel))
        {
            Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        }

        var draft = await slack.WaitForMessageAsync(message => message.Channel == channel && (message.Text ?? string.Empty).Contains("rolling out", StringComparison.Ordinal));
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();

        // bob drafted, alice (the commander) approves: four-eyes. The database goes away exactly when the approved update's delivery is claimed (after the approval committed).
        store!.FailWhen = incident => incident.Update(1) is { } update && update.Deliveries.Exists(delivery => delivery.State == DeliveryState.Sending);
        store.Outage = () => outage(store);
        store.Arm();
        string pressReply;
        try
        {
            var before = slack.Messages.Count;
            var payload = SlackPayloads.BlockActions("UALICE", channel, IncidentActionIds.ApproveUpdate, $"{id}|1", slack.NewResponseUrl(channel), draft.Ts ?? "1700000000.000100");
            using var response = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reply = await slack.WaitForMessageAsync(message => message.Method == "response_url" && message.Channel == channel && slack.Messages.ToList().IndexOf(message) >= before);
            pressReply = reply.Text ?? string.Empty;
            await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();
        }
        finally
        {
            if (store.Failed > 0)
            {
                await recover();
            }
        }

        Assert.True(store.Failed == 1, "the claim met the outage; the press said: " + pressReply);
        Assert.Contains("That press was recorded", pressReply, StringComparison.Ordinal);
        Assert.Contains($"/incident show {id}", pressReply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was done", pressReply, StringComparison.Ordinal);
        Assert.Empty(PostsTo(slack, Status));
        var stuck = (await host.Services.GetRequiredService<IncidentService>().GetAsync(id))!.Update(1)!;
        Assert.Equal(UpdateStatus.Approved, stuck.Status);
        Assert.Equal(DeliveryState.Pending, Assert.Single(stuck.Deliveries).State);

        var sweep = host.Services.GetRequiredService<IncidentDeliverySweep>();
        Assert.Equal(1, await sweep.SweepAsync());

        var posted = Assert.Single(PostsTo(slack, Status));
        Assert.Contains("rolling out", posted.Text, StringComparison.Ordinal);
        var sent = (await host.Services.GetRequiredService<IncidentService>().GetAsync(id))!.Update(1)!;
        Assert.Equal(UpdateStatus.Sent, sent.Status);
        Assert.Equal(posted.Ts, Assert.Single(sent.Deliveries).MessageId);

        Assert.Equal(0, await sweep.SweepAsync());
        Assert.Single(PostsTo(slack, Status));
    }

    private static List<FakeSlackMessage> PostsTo(FakeSlack slack, string channel) =>
        [.. slack.Messages.Where(message => message.Method == "chat.postMessage" && message.Channel == channel)];

    private static async Task<JsonNode> CommandAsync(SlackHost host, HttpClient client, FakeSlack slack, string text, string channel, string user)
    {
        var before = slack.Messages.Count;
        using var response = await host.CommandAsync(client, "/incident", text, slack.NewResponseUrl(channel), user, channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length > 0)
        {
            return JsonNode.Parse(body)!;
        }

        return (await slack.WaitForMessageAsync(message => message.Method == "response_url" && message.Channel == channel && slack.Messages.ToList().IndexOf(message) >= before)).Body;
    }
}
