using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

/// <summary>
/// What every <see cref="IWorkflowStore"/> does, run against the in-memory reference, SQLite and PostgreSQL.
/// <see cref="OpenStoreAsync"/> gives another store on the same data (for SQL: another replica with its own connections).
/// </summary>
public abstract class WorkflowStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IWorkflowStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static WorkflowRecord Workflow(string id, string state = "AwaitingApproval", DateTimeOffset? createdAt = null, DateTimeOffset? expiresAt = null) => new()
    {
        Id = id,
        Kind = "rollback",
        State = state,
        Cluster = "simulator",
        Namespace = "shop",
        Target = "deployment/frontend",
        RequestedBy = "slack:U123",
        CreatedAt = createdAt ?? T0,
        UpdatedAt = createdAt ?? T0,
        ExpiresAt = expiresAt,
        Data = """{"plan":{"toRevision":3},"approvals":[],"note":"ünïcødé ✓ \"quoted\""}""",
    };

    [Fact]
    public async Task Create_ThenGet_ReturnsEveryFieldWithVersion1()
    {
        var store = await OpenStoreAsync();
        var record = Workflow("wf-1", expiresAt: T0.AddMinutes(15)) with { Version = 7 };

        await store.CreateAsync(record);

        Assert.Equal(record with { Version = 1 }, await store.GetAsync("wf-1"));
    }

    [Fact]
    public async Task Create_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Workflow("wf-1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(Workflow("wf-1", state: "Rejected")));

        Assert.Contains("wf-1", error.Message, StringComparison.Ordinal);
        Assert.Equal("AwaitingApproval", (await store.GetAsync("wf-1"))!.State);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.GetAsync("nope"));
    }

    [Fact]
    public async Task TryUpdate_WithTheStoredVersion_StoresTheRecordWithTheNextVersion()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Workflow("wf-1", expiresAt: T0.AddMinutes(15)));
        var approved = Workflow("wf-1", state: "Approved") with { UpdatedAt = T0.AddMinutes(1), ExpiresAt = null, Data = """{"approvals":["bob"]}""" };

        var stored = await store.TryUpdateAsync(approved, expectedVersion: 1);

        Assert.Equal(approved with { Version = 2 }, stored);
        Assert.Equal(stored, await store.GetAsync("wf-1"));
    }

    [Fact]
    public async Task TryUpdate_WithAStaleVersion_ReturnsNullAndChangesNothing()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Workflow("wf-1"));
        await store.TryUpdateAsync(Workflow("wf-1", state: "Approved"), expectedVersion: 1);

        var stale = await store.TryUpdateAsync(Workflow("wf-1", state: "Rejected"), expectedVersion: 1);

        Assert.Null(stale);
        var current = await store.GetAsync("wf-1");
        Assert.Equal(("Approved", 2L), (current!.State, current.Version));
    }

    [Fact]
    public async Task TryUpdate_UnknownId_ReturnsNullAndCreatesNothing()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.TryUpdateAsync(Workflow("ghost"), expectedVersion: 1));
        Assert.Null(await store.GetAsync("ghost"));
    }

    [Fact]
    public async Task TryUpdate_50ConcurrentCallsWithTheSameVersion_ExactlyOneSucceeds()
    {
        // Two stores on the same data: two replicas receiving approve presses at the same time.
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        await replicas[0].CreateAsync(Workflow("wf-race"));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var presses = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].TryUpdateAsync(Workflow("wf-race", state: "Approved") with { Data = $$"""{"approvedBy":"user{{i}}"}""" }, expectedVersion: 1);
        })).ToList();

        go.SetResult();
        var results = await Task.WhenAll(presses);

        var winner = Assert.Single(results, result => result is not null);
        Assert.Equal(2, winner!.Version);
        Assert.Equal(winner, await replicas[1].GetAsync("wf-race"));
    }

    [Fact]
    public async Task TryUpdate_ConcurrentReadModifyWriteWithRetries_LosesNoUpdate()
    {
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        await replicas[0].CreateAsync(Workflow("wf-counter") with { Data = "0" });
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await go.Task;
            var store = replicas[i % 2];
            while (true)
            {
                var current = (await store.GetAsync("wf-counter"))!;
                var next = current with { Data = (int.Parse(current.Data, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (await store.TryUpdateAsync(next, current.Version) is not null)
                {
                    return;
                }
            }
        })).ToList();

        go.SetResult();
        await Task.WhenAll(writers);

        var final = (await replicas[0].GetAsync("wf-counter"))!;
        Assert.Equal(("20", 21L), (final.Data, final.Version));
    }

    [Fact]
    public async Task List_ByStates_ReturnsOnlyThoseNewestFirstThenById()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync(Workflow("a-old", createdAt: T0));
        await store.CreateAsync(Workflow("b-new", createdAt: T0.AddMinutes(2)));
        await store.CreateAsync(Workflow("c-tie", state: "Executing", createdAt: T0.AddMinutes(1)));
        await store.CreateAsync(Workflow("B-tie", state: "Executing", createdAt: T0.AddMinutes(1)));
        await store.CreateAsync(Workflow("d-done", state: "Succeeded", createdAt: T0.AddMinutes(3)));

        var open = await store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval", "Executing"] });
        var all = await store.ListAsync(new WorkflowQuery());

        Assert.Equal(["b-new", "B-tie", "c-tie", "a-old"], open.Select(record => record.Id));
        Assert.Equal(["d-done", "b-new", "B-tie", "c-tie", "a-old"], all.Select(record => record.Id));
    }

    [Fact]
    public async Task List_ExpiringBy_ComparesInstantsWhateverTheOffset()
    {
        var store = await OpenStoreAsync();
        var plusTwo = TimeSpan.FromHours(2);
        await store.CreateAsync(Workflow("due-earlier", createdAt: T0, expiresAt: new DateTimeOffset(2030, 1, 1, 13, 0, 0, plusTwo))); // 11:00Z
        await store.CreateAsync(Workflow("due-exactly", createdAt: T0.AddSeconds(1), expiresAt: T0));
        await store.CreateAsync(Workflow("due-later", createdAt: T0.AddSeconds(2), expiresAt: new DateTimeOffset(2030, 1, 1, 14, 30, 0, plusTwo))); // 12:30Z
        await store.CreateAsync(Workflow("never", createdAt: T0.AddSeconds(3)));

        var expiring = await store.ListAsync(new WorkflowQuery { ExpiringBy = T0 });

        Assert.Equal(["due-exactly", "due-earlier"], expiring.Select(record => record.Id));
    }

    [Fact]
    public async Task List_Limit_KeepsTheNewest()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync(Workflow($"wf-{i}", createdAt: T0.AddMinutes(i)));
        }

        var newest = await store.ListAsync(new WorkflowQuery { Limit = 2 });
        var none = await store.ListAsync(new WorkflowQuery { Limit = 0 });

        Assert.Equal(["wf-4", "wf-3"], newest.Select(record => record.Id));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Times_RoundTripWithTheirOffset_ToTheMicrosecond()
    {
        var store = await OpenStoreAsync();
        var india = new DateTimeOffset(2030, 6, 1, 17, 30, 0, TimeSpan.FromMinutes(330)).AddTicks(1_234_567); // 0.1234567 s: sub-microsecond ticks
        var newYork = new DateTimeOffset(2030, 6, 1, 8, 0, 0, TimeSpan.FromHours(-4)).AddTicks(10);
        await store.CreateAsync(Workflow("wf-tz") with { CreatedAt = india, UpdatedAt = newYork, ExpiresAt = india.ToUniversalTime() });

        var stored = (await store.GetAsync("wf-tz"))!;

        Assert.Equal(india.Offset, stored.CreatedAt.Offset);
        Assert.Equal(newYork.Offset, stored.UpdatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, stored.ExpiresAt!.Value.Offset);
        Assert.InRange((india - stored.CreatedAt).Ticks, 0, TimeSpan.TicksPerMicrosecond - 1);
        Assert.Equal(newYork, stored.UpdatedAt);
    }
}
