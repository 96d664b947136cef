using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Incidents;
using OpsBot.Jobs;
using OpsBot.Scheduling;
using OpsBot.Tests.Console;
using OpsBot.Tests.Storage;

namespace OpsBot.Tests.Incidents;

/// <summary>The reminder contract on PostgreSQL (the real server the test helpers start), and two replicas on one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIncidentReminderTests(PostgresFixture postgres) : IncidentReminderContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<(string Key, string Value)[]> StorageAsync() =>
        [("Storage:Provider", "Postgres"), ("Storage:ConnectionString", await _database.ConnectionStringAsync())];

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Reminders_TwoReplicasRunTheReminderAtOnce_OneReminderPerDueTime()
    {
        var storage = await StorageAsync();
        await using var first = Host(storage);
        await using var second = Host(storage);
        using var firstHttp = first.CreateClient();
        using var secondHttp = second.CreateClient();
        var id = IncidentConsoleTests.IdIn(await new ConsoleClient(firstHttp, "alice", "incident").RunAsync("/incident declare sev1 \"Checkout returns 500s\""));
        // Both replicas plan the same run (the second at its start and again here): one run stays planned.
        await second.Services.GetRequiredService<IncidentReminderPlanner>().PlanAsync((await second.Services.GetRequiredService<IncidentResponder>().Incidents.GetAsync(id.ToString()))!);
        Assert.Equal(T0.AddMinutes(30), await second.Services.GetRequiredService<IDelayedJobScheduler>().PlannedAtAsync(IncidentReminderPlanner.JobName, id.ToString()));
        Clock.Advance(TimeSpan.FromMinutes(30));

        // The planned run, and extra runs on both replicas as a racing re-plan or a retry would make them.
        var planned = first.Services.GetRequiredService<HangfireDelayedJobScheduler>().PlannedJobId(IncidentReminderPlanner.JobName, id.ToString())!;
        var extra = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? first : second).Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DelayedJobDispatcher>(dispatcher => dispatcher.RunAsync(IncidentReminderPlanner.JobName, id.ToString(), CancellationToken.None))).ToList();
        Assert.True(first.Services.GetRequiredService<IBackgroundJobClient>().Requeue(planned));
        foreach (var job in extra.Append(planned))
        {
            // The first run to finish re-plans the overdue reminder, which replaces the planned run if it has not started.
            await RunAsync(first, job, orDeleted: true);
        }

        var sent = Reminders(await FeedAsync(firstHttp, id.LowerCase), "is due now").Count + Reminders(await FeedAsync(secondHttp, id.LowerCase), "is due now").Count;
        Assert.Equal(1, sent);
        var timeline = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonObject>(firstHttp, $"/api/incidents/{id}"))!;
        Assert.Single(timeline["timeline"]!.AsArray(), entry => ((string?)entry!["kind"] ?? string.Empty).Contains("Reminder", StringComparison.Ordinal));
    }
}
