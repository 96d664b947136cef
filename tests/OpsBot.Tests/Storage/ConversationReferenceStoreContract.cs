using OpsBot.Chat.Delivery;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>What every <see cref="IConversationReferenceStore"/> does, run in memory, on SQLite and on PostgreSQL.</summary>
public abstract class ConversationReferenceStoreContract : IAsyncLifetime
{
    private const string Reference = """
        {"activityId":"1700000000001","bot":{"id":"28:bot","name":"OpsBot"},"conversation":{"id":"19:abc@thread.tacv2","tenantId":"t-1"},"serviceUrl":"https://smba.trafficmanager.net/emea/","note":"ünïcødé ✓"}
        """;

    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected abstract Task<IConversationReferenceStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Save_ThenGet_ReturnsTheJsonByteForByte()
    {
        var store = await OpenStoreAsync();

        await store.SaveAsync("teams:19:abc@thread.tacv2", Reference);

        Assert.Equal(new StoredConversationReference("teams:19:abc@thread.tacv2", Reference, Clock.GetUtcNow()), await store.GetAsync("teams:19:abc@thread.tacv2"));
        Assert.Null(await store.GetAsync("teams:unknown"));
    }

    [Fact]
    public async Task Save_TheSameKeyAgain_ReplacesIt()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync("teams:c1", "{\"v\":1}");
        Clock.Advance(TimeSpan.FromHours(1));

        await store.SaveAsync("teams:c1", "{\"v\":2}");

        var only = Assert.Single(await store.ListAsync());
        Assert.Equal(new StoredConversationReference("teams:c1", "{\"v\":2}", Clock.GetUtcNow()), only);
    }

    [Fact]
    public async Task List_ByPrefix_OrdinalOrder_WildcardsTakenLiterally()
    {
        var store = await OpenStoreAsync();
        foreach (var key in (string[])["teams:b", "slack:a", "teams:A", "teams%x", "teams_y", "teams:a"])
        {
            await store.SaveAsync(key, "{}");
        }

        var teams = await store.ListAsync("teams:");
        var percent = await store.ListAsync("teams%");
        var all = await store.ListAsync();

        Assert.Equal(["teams:A", "teams:a", "teams:b"], teams.Select(reference => reference.Key));
        Assert.Equal(["teams%x"], percent.Select(reference => reference.Key));
        Assert.Equal(["slack:a", "teams%x", "teams:A", "teams:a", "teams:b", "teams_y"], all.Select(reference => reference.Key));
    }
}
