using OpsBot.Chat.Delivery;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>What every <see cref="IClaimStore"/> does, run in memory, on SQLite and on PostgreSQL, on a manual clock.</summary>
public abstract class ClaimStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    protected ManualTimeProvider Clock { get; } = new();

    /// <summary>Another store on the same claims (for SQL: another replica), on <see cref="Clock"/>.</summary>
    protected abstract Task<IClaimStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryClaim_OnceOnly_UntilItExpires()
    {
        var store = await OpenStoreAsync();

        Assert.True(await store.TryClaimAsync("slack:event:Ev1", Ttl));
        Assert.False(await store.TryClaimAsync("slack:event:Ev1", Ttl));
        Clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.False(await store.TryClaimAsync("slack:event:Ev1", Ttl));
        Assert.True(await store.TryClaimAsync("slack:event:Ev2", Ttl));
    }

    [Fact]
    public async Task TryClaim_AfterTheTtl_CanBeClaimedAgainOnce()
    {
        var store = await OpenStoreAsync();
        await store.TryClaimAsync("k", Ttl);

        Clock.Advance(Ttl);

        Assert.True(await store.TryClaimAsync("k", TimeSpan.FromSeconds(30)));
        Assert.False(await store.TryClaimAsync("k", Ttl));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await store.TryClaimAsync("k", Ttl));
    }

    [Fact]
    public async Task TryClaim_50ConcurrentClaimersOnTwoReplicas_ExactlyOneWins()
    {
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].TryClaimAsync("slack:retry:1700000000.000100", Ttl);
        })).ToList();

        go.SetResult();
        var results = await Task.WhenAll(claimers);

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task TryClaim_50ConcurrentClaimersAfterExpiry_ExactlyOneWins()
    {
        var replicas = new[] { await OpenStoreAsync(), await OpenStoreAsync() };
        await replicas[0].TryClaimAsync("k", Ttl);
        Clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await replicas[i % 2].TryClaimAsync("k", Ttl);
        })).ToList();

        go.SetResult();
        var results = await Task.WhenAll(claimers);

        Assert.Equal(1, results.Count(won => won));
    }

    [Theory]
    [InlineData("", 60)]
    [InlineData("k", 0)]
    [InlineData("k", -1)]
    public async Task TryClaim_BadArguments_AreRefused(string key, int ttlSeconds)
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryClaimAsync(key, TimeSpan.FromSeconds(ttlSeconds)));
    }

    [Fact]
    public async Task TryClaim_KeyLongerThanTheLimit_IsRefusedAndClaimsNothing()
    {
        var store = await OpenStoreAsync();
        var key = new string('k', 513);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.TryClaimAsync(key, Ttl));

        Assert.Contains("at most 512", error.Message, StringComparison.Ordinal);
        Assert.True(await store.TryClaimAsync(key[..512], Ttl));
    }
}
