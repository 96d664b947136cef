using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Incidents;
using OpsBot.Jobs;
using OpsBot.Scheduling;
using OpsBot.Testing;
using OpsBot.Tests.Console;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// The cadence reminders as Hangfire delayed jobs in the real host, driven by a fake clock. Hangfire schedules on the
/// machine's clock, so a test moves the fake clock and then makes Hangfire run the planned job now (the dashboard's
/// "Enqueue now"); the job decides what is due at the fake clock's time. Due → one reminder, overdue → one escalation,
/// none after resolve, and a restart in between (a new host on the same storage) keeps the planned run.
/// </summary>
public abstract class IncidentReminderContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    protected ManualTimeProvider Clock { get; } = new(T0);

    /// <summary>The settings that put a host on this contract's storage (the same data for every host of a test).</summary>
    protected abstract Task<(string Key, string Value)[]> StorageAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reminders_DueThenOverdueThenResolved_OneEachAndNoneAfter_AcrossARestart()
    {
        var storage = await StorageAsync();
        string id;
        string channel;
        var scheduler = (OpsBotHost host) => host.Services.GetRequiredService<IDelayedJobScheduler>();
        await using (var first = Host(storage))
        {
            using var http = first.CreateClient();
            var declared = IncidentConsoleTests.IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev1 \"Checkout returns 500s\""));
            (id, channel) = (declared.ToString(), declared.LowerCase);
            Assert.Equal(T0.AddMinutes(30), await scheduler(first).PlannedAtAsync(IncidentReminderPlanner.JobName, id));

            Clock.Advance(TimeSpan.FromMinutes(29));
            await RunPlannedNowAsync(first, id);
            Assert.Empty(Reminders(await FeedAsync(http, channel), "is due now"));
            Assert.Equal(T0.AddMinutes(30), await scheduler(first).PlannedAtAsync(IncidentReminderPlanner.JobName, id));

            Clock.Advance(TimeSpan.FromMinutes(1));
            await RunPlannedNowAsync(first, id);
            Assert.Single(Reminders(await FeedAsync(http, channel), "is due now"));
            Assert.Equal(T0.AddMinutes(45), await scheduler(first).PlannedAtAsync(IncidentReminderPlanner.JobName, id));
        }

        await using var restarted = Host(storage);
        using var again = restarted.CreateClient();
        Assert.Equal(T0.AddMinutes(45), await scheduler(restarted).PlannedAtAsync(IncidentReminderPlanner.JobName, id));
        Clock.Advance(TimeSpan.FromMinutes(15));
        await RunPlannedNowAsync(restarted, id);
        // The due reminder went out before the restart: only the escalation now, in the incident's and the declaring channel.
        Assert.Empty(Reminders(await FeedAsync(again, channel), "is due now"));
        Assert.Single(Reminders(await FeedAsync(again, channel), "is overdue"));
        Assert.Single(Reminders(await FeedAsync(again, "incident"), "is overdue"));
        Assert.Null(await scheduler(restarted).PlannedAtAsync(IncidentReminderPlanner.JobName, id));

        // A released update restarts the cadence: the next reminder is planned from the approval.
        var alice = new ConsoleClient(again, "alice", channel);
        var comms = await alice.RunAsync("/incident role comms bob");
        Assert.False((bool)comms["ephemeral"]!, ConsoleClient.Text(comms));
        await alice.RunAsync("/incident update \"Rolling back checkout.\"");
        var approved = await new ConsoleClient(again, "bob", channel).PressAsync(IncidentActionIds.ApproveUpdate, IncidentActionIds.Value(IncidentId.Parse(id), "1"));
        Assert.False((bool)approved["ephemeral"]!, ConsoleClient.Text(approved));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(30), await scheduler(restarted).PlannedAtAsync(IncidentReminderPlanner.JobName, id));

        var resolved = await new ConsoleClient(again, "alice", channel).RunAsync("/incident status resolved \"fixed\"");
        Assert.False((bool)resolved["ephemeral"]!, ConsoleClient.Text(resolved));
        Assert.Null(await scheduler(restarted).PlannedAtAsync(IncidentReminderPlanner.JobName, id));
        Clock.Advance(TimeSpan.FromHours(3));
        // A stale run that still comes (planned before the resolve elsewhere) sends nothing either.
        await RunAsync(restarted, restarted.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DelayedJobDispatcher>(dispatcher => dispatcher.RunAsync(IncidentReminderPlanner.JobName, id, CancellationToken.None)));
        Assert.Single(Reminders(await FeedAsync(again, channel), "is overdue"));
        Assert.Empty(Reminders(await FeedAsync(again, channel), "is due now"));
        Assert.Null(await scheduler(restarted).PlannedAtAsync(IncidentReminderPlanner.JobName, id));
    }

    /// <summary>A host on this contract's storage and clock, with the job server on (polling every second).</summary>
    private protected OpsBotHost Host((string Key, string Value)[] storage) => new(
        services => services.AddSingleton<TimeProvider>(Clock),
        [.. storage, ("Jobs:Enabled", "true"), ("Jobs:PollingInterval", "00:00:01")]);

    /// <summary>Makes Hangfire run the incident's planned reminder now, and waits until that run finished.</summary>
    private protected static async Task RunPlannedNowAsync(OpsBotHost host, string id)
    {
        var jobId = host.Services.GetRequiredService<HangfireDelayedJobScheduler>().PlannedJobId(IncidentReminderPlanner.JobName, id);
        Assert.NotNull(jobId);
        Assert.True(host.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId));
        await RunAsync(host, jobId);
    }

    /// <summary>Waits until Hangfire ran job <paramref name="jobId"/> to success (or, when <paramref name="orDeleted"/>, deleted it: a re-plan replaced it before it ran).</summary>
    private protected static Task RunAsync(OpsBotHost host, string jobId, bool orDeleted = false)
    {
        var storage = host.Services.GetRequiredService<JobStorage>();
        return Eventually.ValueAsync(
            () =>
            {
                using var connection = storage.GetConnection();
                return Task.FromResult(connection.GetStateData(jobId)?.Name);
            },
            state => state == SucceededState.StateName || (orDeleted && state == DeletedState.StateName),
            $"Hangfire ran job {jobId}",
            TimeSpan.FromSeconds(60));
    }

    protected static async Task<JsonObject> FeedAsync(HttpClient http, string channel) =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/console/channels/{channel}/messages?after=0"))!;

    protected static List<string> Reminders(JsonObject feed, string kind) =>
        [.. IncidentConsoleTests.Messages(feed).Select(message => (string?)message["text"] ?? string.Empty).Where(text => text.Contains('⏰', StringComparison.Ordinal) && text.Contains(kind, StringComparison.Ordinal))];
}
