using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Testing.Incidents;

/// <summary>
/// What every <see cref="IIncidentStore"/> does — the in-memory reference (tests/OpsBot.Workflows.Tests) and the SQL
/// stores (derive from this in the host's tests, as the workflow store's contract is). <see cref="OpenStoreAsync"/> gives
/// another store on the same data each time it is called (for SQL: another replica with its own connections); the
/// in-memory one returns the same instance.
/// </summary>
public abstract class IncidentStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static readonly Actor Alice = new("slack", "U0ALICE", "C0ALERTS") { Name = "alice" };
    private static readonly Actor Bob = new("slack", "U0BOB", "C0INC") { Name = "bob" };

    protected abstract Task<IIncidentStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static IncidentRecord Incident(
        int number, string state = "Investigating", DateTimeOffset? declaredAt = null, DateTimeOffset? endedAt = null, DateTimeOffset? nextReminderAt = null, params string[] channels) => new()
    {
        Id = new IncidentId(2026, number).ToString(),
        Year = 2026,
        Number = number,
        Title = "Checkout returns 500s — ünïcødé ✓ \"quoted\"",
        Severity = "Sev1",
        State = state,
        Cluster = "sim",
        Namespace = "shop",
        Commander = "slack:U0ALICE",
        DeclaredAt = declaredAt ?? T0,
        UpdatedAt = declaredAt ?? T0,
        EndedAt = endedAt,
        NextReminderAt = nextReminderAt,
        ChannelKeys = channels,
        Data = """{"declaredBy":{"platform":"slack","userId":"U0ALICE","channel":"C0ALERTS"},"note":"ünïcødé ✓"}""",
    };

    protected static void AssertSame(IncidentRecord expected, IncidentRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { ChannelKeys = [] }, actual with { ChannelKeys = [] });
        Assert.Equal(expected.ChannelKeys, actual.ChannelKeys);
    }

    [Fact]
    public async Task AllocateId_StartsAtOneEachYearAndCountsOn()
    {
        var store = await OpenStoreAsync();

        var first = await store.AllocateIdAsync(2026);
        var second = await store.AllocateIdAsync(2026);
        var otherYear = await store.AllocateIdAsync(2027);

        Assert.Equal([new IncidentId(2026, 1), new IncidentId(2026, 2), new IncidentId(2027, 1)], [first, second, otherYear]);
        Assert.Equal("INC-2026-0002", second.ToString());
    }

    [Fact]
    public async Task AllocateId_ManyConcurrentCallersOnTwoReplicas_GetDistinctConsecutiveNumbers()
    {
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].AllocateIdAsync(2026);
        })).ToList();

        go.SetResult();
        var ids = await Task.WhenAll(callers);

        Assert.Equal(Enumerable.Range(1, 40), ids.Select(id => id.Number).Order());
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsEveryFieldWithVersion1()
    {
        var store = await OpenStoreAsync();
        var record = Incident(42, nextReminderAt: T0.AddMinutes(30), channels: ["slack:C0INC42", "console:inc-2026-0042"]) with { Version = 7 };

        await store.CreateAsync(record);

        AssertSame(record with { Version = 1 }, await store.GetAsync("INC-2026-0042"));
    }

    [Fact]
    public async Task Create_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(Incident(1, state: "Resolved")));

        Assert.Contains("INC-2026-0001", error.Message, StringComparison.Ordinal);
        Assert.Equal("Investigating", (await store.GetAsync("INC-2026-0001"))!.State);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.GetAsync("INC-2026-0099"));
    }

    [Fact]
    public async Task TryUpdate_WithTheStoredVersion_StoresTheRecordWithTheNextVersion()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1, channels: ["slack:C0INC1"]));
        var resolved = Incident(1, state: "Resolved", endedAt: T0.AddHours(1), channels: ["slack:C0INC1", "teams:19:abc@thread.tacv2/1700"]) with
        {
            UpdatedAt = T0.AddHours(1),
            Severity = "Sev2",
            Commander = "console:carol",
            Data = """{"timeline":[]}""",
        };

        var stored = await store.TryUpdateAsync(resolved, expectedVersion: 1);

        AssertSame(resolved with { Version = 2 }, stored);
        AssertSame(stored!, await store.GetAsync("INC-2026-0001"));
    }

    [Fact]
    public async Task TryUpdate_WithAStaleVersion_ReturnsNullAndChangesNothing()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1));
        await store.TryUpdateAsync(Incident(1, state: "Identified"), expectedVersion: 1);

        var stale = await store.TryUpdateAsync(Incident(1, state: "Resolved"), expectedVersion: 1);

        Assert.Null(stale);
        var current = await store.GetAsync("INC-2026-0001");
        Assert.Equal(("Identified", 2L), (current!.State, current.Version));
    }

    [Fact]
    public async Task TryUpdate_UnknownId_ReturnsNullAndCreatesNothing()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.TryUpdateAsync(Incident(9), expectedVersion: 1));
        Assert.Null(await store.GetAsync("INC-2026-0009"));
    }

    [Fact]
    public async Task TryUpdate_50ConcurrentCallsWithTheSameVersion_ExactlyOneSucceeds()
    {
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        await replicas[0].CreateAsync(Incident(1));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var presses = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].TryUpdateAsync(Incident(1, state: "Resolved") with { Data = $$"""{"by":"user{{i}}"}""" }, expectedVersion: 1);
        })).ToList();

        go.SetResult();
        var results = await Task.WhenAll(presses);

        var winner = Assert.Single(results, result => result is not null);
        Assert.Equal(2, winner!.Version);
        AssertSame(winner, await replicas[1].GetAsync("INC-2026-0001"));
    }

    [Fact]
    public async Task List_ByStates_NewestDeclaredFirstThenHigherNumber()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1, declaredAt: T0));
        await store.CreateAsync(Incident(2, state: "Declared", declaredAt: T0.AddMinutes(2)));
        await store.CreateAsync(Incident(3, state: "Monitoring", declaredAt: T0.AddMinutes(1)));
        await store.CreateAsync(Incident(4, state: "Monitoring", declaredAt: T0.AddMinutes(1)));
        await store.CreateAsync(Incident(5, state: "Closed", declaredAt: T0.AddMinutes(3), endedAt: T0.AddMinutes(30)));

        var open = await store.ListAsync(IncidentQuery.Open);
        var all = await store.ListAsync(new IncidentQuery());

        Assert.Equal([2, 4, 3, 1], open.Select(record => record.Number));
        Assert.Equal([5, 2, 4, 3, 1], all.Select(record => record.Number));
    }

    [Fact]
    public async Task List_DeclaredSinceAndLiveSince_FilterByInstantsWhateverTheOffset()
    {
        var store = await OpenStoreAsync();
        var plusTwo = TimeSpan.FromHours(2);
        await store.CreateAsync(Incident(1, state: "Resolved", declaredAt: T0.AddDays(-10), endedAt: T0.AddDays(-8)));
        await store.CreateAsync(Incident(2, state: "Resolved", declaredAt: T0.AddDays(-9), endedAt: new DateTimeOffset(2026, 11, 15, 5, 0, 0, plusTwo))); // 03:00Z, exactly 7 days before T0
        await store.CreateAsync(Incident(3, state: "Investigating", declaredAt: T0.AddDays(-20)));
        await store.CreateAsync(Incident(4, state: "Cancelled", declaredAt: T0.AddDays(-1), endedAt: T0.AddDays(-1)));

        var live = await store.ListAsync(new IncidentQuery { LiveSince = T0.AddDays(-7) });
        var declared = await store.ListAsync(new IncidentQuery { DeclaredSince = new DateTimeOffset(2026, 11, 13, 5, 0, 0, plusTwo) }); // T0 - 9 days

        Assert.Equal([4, 2, 3], live.Select(record => record.Number));
        Assert.Equal([4, 2], declared.Select(record => record.Number));
    }

    [Fact]
    public async Task List_ReminderDueBy_FindsIncidentsWithAReminderDue()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1, declaredAt: T0, nextReminderAt: T0.AddMinutes(30)));
        await store.CreateAsync(Incident(2, declaredAt: T0.AddMinutes(1), nextReminderAt: T0.AddMinutes(45)));
        await store.CreateAsync(Incident(3, declaredAt: T0.AddMinutes(2)));

        var due = await store.ListAsync(new IncidentQuery { ReminderDueBy = T0.AddMinutes(30) });

        Assert.Equal([1], due.Select(record => record.Number));
    }

    [Fact]
    public async Task List_Limit_KeepsTheNewest()
    {
        var store = await OpenStoreAsync();
        for (var i = 1; i <= 5; i++)
        {
            await store.CreateAsync(Incident(i, declaredAt: T0.AddMinutes(i)));
        }

        var newest = await store.ListAsync(new IncidentQuery { Limit = 2 });
        var none = await store.ListAsync(new IncidentQuery { Limit = 0 });

        Assert.Equal([5, 4], newest.Select(record => record.Number));
        Assert.Empty(none);
    }

    [Fact]
    public async Task FindByChannel_FindsTheIncidentWorkedThere_AfterUpdatesToo()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Incident(1, channels: ["slack:C0INC1"]));
        await store.CreateAsync(Incident(2, channels: ["console:inc-2026-0002"]));
        await store.TryUpdateAsync(Incident(2, channels: ["console:inc-2026-0002", "slack:C0ALERTS/1700000000.000100"]), expectedVersion: 1);

        Assert.Equal(1, (await store.FindByChannelAsync("slack:C0INC1"))!.Number);
        Assert.Equal(2, (await store.FindByChannelAsync("slack:C0ALERTS/1700000000.000100"))!.Number);
        Assert.Null(await store.FindByChannelAsync("slack:C0ALERTS"));
        Assert.Null(await store.FindByChannelAsync("slack:c0inc1"));
    }

    [Fact]
    public async Task Times_RoundTripWithTheirOffset_ToTheMicrosecond()
    {
        var store = await OpenStoreAsync();
        var declared = new DateTimeOffset(2026, 11, 22, 4, 5, 6, TimeSpan.FromHours(-5)).AddTicks(1_234_560);
        await store.CreateAsync(Incident(1, declaredAt: declared, endedAt: declared.AddMinutes(90), nextReminderAt: declared.AddMinutes(30)));

        var stored = await store.GetAsync("INC-2026-0001");

        Assert.Equal((declared, declared.Offset), (stored!.DeclaredAt, stored.DeclaredAt.Offset));
        Assert.Equal(declared.AddMinutes(90), stored.EndedAt);
        Assert.Equal(declared.AddMinutes(30), stored.NextReminderAt);
    }

    [Fact]
    public async Task Service_TwoReplicasPressResolveAtOnce_OneResolvesTheOthersAreTold()
    {
        var options = new IncidentOptions();
        var permissions = new EveryoneMayRespond();
        var first = new IncidentService(await OpenStoreAsync(), permissions, options, new ManualTimeProvider(T0));
        var declared = await first.DeclareAsync(new IncidentDeclaration { Title = "Checkout returns 500s", Severity = "sev3", DeclaredBy = Alice, DeclaredIn = "slack:C0ALERTS", Namespace = "shop" });
        var id = declared.Incident!.Id.ToString();
        var replicas = new[] { first, new IncidentService(await OpenStoreAsync(), permissions, options, new ManualTimeProvider(T0)) };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var presses = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].ResolveAsync(id, i % 2 == 0 ? Alice : Bob, "error rate back to normal");
        })).ToList();

        go.SetResult();
        var outcomes = await Task.WhenAll(presses);

        Assert.Single(outcomes, outcome => outcome.Status == IncidentOutcomeStatus.Changed);
        Assert.All(
            outcomes.Where(outcome => outcome.Status != IncidentOutcomeStatus.Changed),
            outcome => Assert.True(outcome.Status is IncidentOutcomeStatus.Conflict or IncidentOutcomeStatus.Refused && outcome.Refusal is { Kind: IncidentRefusalKind.WrongState }, outcome.Message));
        var stored = await replicas[1].GetAsync(id);
        Assert.Equal(IncidentState.Resolved, stored!.State);
        Assert.Single(stored.Timeline, entry => entry is OpsBot.Workflows.Incidents.Timeline.StatusChanged { To: IncidentState.Resolved });
    }

    [Fact]
    public async Task Service_ANewReplicaReadsEverythingTheFirstWrote()
    {
        var options = new IncidentOptions { StakeholderChannels = ["slack:C0STATUS"] };
        var permissions = new EveryoneMayRespond();
        var before = new IncidentService(await OpenStoreAsync(), permissions, options, new ManualTimeProvider(T0));
        var id = (await before.DeclareAsync(new IncidentDeclaration { Title = "Checkout returns 500s", Severity = "sev1", DeclaredBy = Alice, DeclaredIn = "slack:C0ALERTS" })).Incident!.Id.ToString();
        await before.AttachChannelAsync(id, new IncidentChannel("slack", "C0INC1"));
        await before.AssignRoleAsync(id, IncidentRole.CommunicationsLead, Bob, Alice);
        await before.DraftUpdateAsync(id, Bob, "We are investigating errors at checkout.");
        await before.ApproveUpdateAsync(id, 1, Alice);

        var after = new IncidentService(await OpenStoreAsync(), permissions, options, new ManualTimeProvider(T0));
        var incident = await after.FindByChannelAsync("slack", "C0INC1");

        Assert.NotNull(incident);
        Assert.Equal(id, incident.Id.ToString());
        Assert.Equal(Bob, incident.CommunicationsLead);
        var update = Assert.Single(incident.Updates);
        Assert.Equal(("slack:C0STATUS", Alice), (Assert.Single(update.Deliveries).Channel, update.ApprovedBy));
        Assert.Equal(5, incident.Timeline.Count);
        Assert.Equal(5, incident.Version);
    }

    private sealed class EveryoneMayRespond : IIncidentPermissionChecker
    {
        public bool HoldsIncident(Actor actor, string ns) => true;
    }
}
