using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsBot.Incidents;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// The host's reminder job (<see cref="IncidentReminders"/>, which the reminder loop runs on a timer) on a real SQL store,
/// driven by a fake clock: due → one reminder, overdue → one escalation, none after resolve; a restart in between (new
/// instances on the same database) keeps them; two replicas running at once send each reminder once.
/// </summary>
public abstract class IncidentReminderContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("console", "alice", "incident") { Name = "alice" };

    private readonly ManualTimeProvider _clock = new(T0);
    private readonly RecordingNotifier _notifier = new();

    protected abstract Task<StoreDatabase> OpenDatabaseAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reminders_DueThenOverdueThenResolved_OneEachAndNoneAfter_AcrossARestart()
    {
        var (service, reminders) = await ReplicaAsync();
        var id = await DeclareSev1Async(service);

        _clock.Advance(TimeSpan.FromMinutes(29));
        var early = await reminders.RunDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var due = await reminders.RunDueAsync();
        var dueAgain = await reminders.RunDueAsync();
        var (_, restarted) = await ReplicaAsync();
        var afterRestart = await restarted.RunDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(15));
        var overdue = await restarted.RunDueAsync();
        await service.ResolveAsync(id, Alice, "fixed");
        _clock.Advance(TimeSpan.FromHours(3));
        var afterResolve = await restarted.RunDueAsync();

        Assert.Equal((0, 1, 0, 0, 1, 0), (early, due, dueAgain, afterRestart, overdue, afterResolve));
        var posts = _notifier.Posts.ToList();
        Assert.Single(posts, post => post.Message.Text.Contains("is due now", StringComparison.Ordinal) && post.To.ChannelId == "inc-2026-0001");
        Assert.Equal(["inc-2026-0001", "incident"], posts.Where(post => post.Message.Text.Contains("overdue", StringComparison.Ordinal)).Select(post => post.To.ChannelId));
    }

    [Fact]
    public async Task Reminders_TwoReplicasRunAtOnce_OneReminderPerDueTime()
    {
        var (service, first) = await ReplicaAsync();
        var (_, second) = await ReplicaAsync();
        await DeclareSev1Async(service);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var sent = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RunDueAsync())));

        Assert.Equal(1, sent.Sum());
        Assert.Single(_notifier.Posts);
    }

    private async Task<string> DeclareSev1Async(IncidentService service)
    {
        var declared = await service.DeclareAsync(new IncidentDeclaration { Title = "Checkout returns 500s", Severity = "sev1", DeclaredBy = Alice, DeclaredIn = "console:incident" });
        var id = declared.Incident!.Id;
        await service.AttachChannelAsync(id.ToString(), new IncidentChannel("console", id.LowerCase));
        return id.ToString();
    }

    private async Task<(IncidentService Service, IncidentReminders Reminders)> ReplicaAsync()
    {
        var options = new IncidentOptions();
        var service = new IncidentService(new SqlIncidentStore(await OpenDatabaseAsync()), new EveryoneResponds(), options, _clock);
        var responder = new IncidentResponder(service, _notifier, Options.Create(options), NullLogger<IncidentResponder>.Instance);
        return (service, new IncidentReminders(responder, _clock));
    }

    private sealed class EveryoneResponds : IIncidentPermissionChecker
    {
        public bool HoldsIncident(Actor actor, string ns) => true;
    }
}
