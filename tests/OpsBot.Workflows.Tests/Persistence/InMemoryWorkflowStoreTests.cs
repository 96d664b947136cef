using OpsBot.Workflows.Persistence;

namespace OpsBot.Workflows.Tests.Persistence;

public sealed class InMemoryWorkflowStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static WorkflowRecord Record(string id, string state = "AwaitingApproval", int minute = 0) => new()
    {
        Id = id,
        Kind = "rollback",
        State = state,
        Cluster = "sim",
        Namespace = "ecommerce-production",
        Target = "deployment/frontend",
        RequestedBy = "slack:U1",
        CreatedAt = Start.AddMinutes(minute),
        UpdatedAt = Start.AddMinutes(minute),
        ExpiresAt = Start.AddMinutes(minute + 15),
        Data = "{}",
    };

    [Fact]
    public async Task TryUpdate_WithTheReadVersion_WinsOnce()
    {
        var store = new InMemoryWorkflowStore();
        await store.CreateAsync(Record("w1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.TryUpdateAsync(Record("w1", "Approved"), expectedVersion: 1))));

        Assert.Single(results, result => result is not null);
        Assert.Equal(2, (await store.GetAsync("w1"))!.Version);
        Assert.Equal("Approved", (await store.GetAsync("w1"))!.State);
    }

    [Fact]
    public async Task Create_ExistingId_Throws()
    {
        var store = new InMemoryWorkflowStore();
        await store.CreateAsync(Record("w1"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(Record("w1")));
    }

    [Fact]
    public async Task List_FiltersByStateAndExpiry_NewestFirst()
    {
        var store = new InMemoryWorkflowStore();
        await store.CreateAsync(Record("old", minute: 0));
        await store.CreateAsync(Record("new", minute: 30));
        await store.CreateAsync(Record("done", "Succeeded", minute: 10));

        var waiting = await store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval"] });
        var expiring = await store.ListAsync(new WorkflowQuery { ExpiringBy = Start.AddMinutes(25) });

        Assert.Equal(["new", "old"], waiting.Select(record => record.Id));
        Assert.Equal(["done", "old"], expiring.Select(record => record.Id));
    }
}
