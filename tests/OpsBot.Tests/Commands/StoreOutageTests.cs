using System.Data.Common;
using OpsBot.Commands;

namespace OpsBot.Tests.Commands;

/// <summary>
/// <see cref="StoreOutage.WaitOutAsync{T}"/>: a step whose outcome already happened outside (a post) is recorded once the
/// store answers again; a store that stays down past the patience, and any other failure, are thrown.
/// </summary>
public sealed class StoreOutageTests
{
    [Fact]
    public async Task WaitOutAsync_StoreDownTwiceThenBack_RunsTheStepUntilItIsRecorded()
    {
        var attempts = 0;

        var result = await StoreOutage.WaitOutAsync(_ => ++attempts <= 2 ? throw new StoreDown() : Task.FromResult("recorded"), TimeProvider.System, TimeSpan.FromSeconds(30));

        Assert.Equal("recorded", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task WaitOutAsync_StoreDownPastThePatience_ThrowsTheStoresError()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<StoreDown>(() => StoreOutage.WaitOutAsync(_ => { attempts++; throw new StoreDown(); }, TimeProvider.System, TimeSpan.Zero));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task WaitOutAsync_AnotherFailure_IsThrownAtOnceWithoutRetry()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => StoreOutage.WaitOutAsync(_ => { attempts++; throw new InvalidOperationException("a bug"); }, TimeProvider.System, TimeSpan.FromSeconds(30)));

        Assert.Equal(1, attempts);
    }

    private sealed class StoreDown : DbException
    {
        public StoreDown()
            : base("the database system is shutting down")
        {
        }
    }
}
